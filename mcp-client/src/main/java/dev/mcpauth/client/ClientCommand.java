package dev.mcpauth.client;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import dev.mcpauth.client.config.ClientTls;
import dev.mcpauth.client.config.McpClientProperties;
import dev.mcpauth.client.journey.ToolCall;
import dev.mcpauth.client.journey.ToolJourney;
import dev.mcpauth.client.trace.TracePrinter;
import dev.mcpauth.client.trace.Verbosity;
import dev.mcpauth.oauth2.client.AuthorizationGrant;
import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.McpOAuthClient;
import dev.mcpauth.oauth2.client.authorization.BrowserUserAgent;
import dev.mcpauth.oauth2.client.authorization.HeadlessUserAgent;
import dev.mcpauth.oauth2.client.authorization.InteractionRequiredException;
import dev.mcpauth.oauth2.client.authorization.UserAgent;
import dev.mcpauth.oauth2.client.cimd.ClientMetadataDocumentHost;
import dev.mcpauth.oauth2.client.cimd.ClientMetadataDocumentLocation;
import dev.mcpauth.oauth2.client.registration.NoRegistrationMethodException;
import dev.mcpauth.oauth2.client.registration.RegistrationMethod;
import dev.mcpauth.oauth2.client.stepup.AuthorizationAttempts;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the command line, builds the library's {@link McpOAuthClient} for one MCP server URL from the
 * {@code mcp-client.*} settings, runs the journey and turns the outcome into an exit code: 0 on success; 1 with one
 * line on stderr when the flow fails; 2 for a usage error.
 */
@Component
public class ClientCommand implements ApplicationRunner, ExitCodeGenerator {

	static final String USAGE = "usage: java -jar mcp-client-exec.jar [--quiet|--verbose] [--call=TOOL[={json}]]... "
			+ "[--client-credentials] [--mcp-client.*=...] <mcp-server-url>";

	private static final int MAX_FAILURE_LINE = 1000;

	private final McpClientProperties properties;

	private final JsonMapper json;

	private final ClientTls tls;

	private final PrintStream out;

	private final PrintStream err;

	private int exitCode;

	@Autowired
	public ClientCommand(McpClientProperties properties, JsonMapper json, ClientTls tls) {
		this(properties, json, tls, System.out, System.err);
	}

	ClientCommand(McpClientProperties properties, JsonMapper json, PrintStream out, PrintStream err) {
		this(properties, json, ClientTls.jvmDefault(), out, err);
	}

	ClientCommand(McpClientProperties properties, JsonMapper json, ClientTls tls, PrintStream out, PrintStream err) {
		this.tls = tls;
		this.properties = properties;
		this.json = json;
		this.out = out;
		this.err = err;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean verbose = args.containsOption("verbose");
		if (args.containsOption("help")) {
			this.out.println(USAGE);
			return;
		}
		URI serverUrl;
		List<ToolCall> calls;
		AuthorizationGrant grant;
		String privateKey;
		try {
			serverUrl = serverUrl(args.getNonOptionArgs());
			calls = args.containsOption("call") ? parseCalls(args.getOptionValues("call")) : this.properties.journey();
			grant = args.containsOption("client-credentials") ? AuthorizationGrant.CLIENT_CREDENTIALS : this.properties.grant();
			privateKey = clientCredentials(grant);
		}
		catch (ClientFailure ex) {
			this.err.println("mcp-client: " + TracePrinter.oneLine(ex.getMessage()) + " (" + USAGE + ")");
			this.exitCode = 2;
			return;
		}
		Verbosity verbosity = verbose ? Verbosity.VERBOSE : args.containsOption("quiet") ? Verbosity.QUIET : Verbosity.NORMAL;
		this.exitCode = execute(serverUrl, calls, new TracePrinter(this.out, verbosity), verbose, grant, privateKey);
	}

	/**
	 * Checks the credentials the grant needs before anything goes on the network, so a misconfiguration is one usage
	 * line; returns the private key (read from its file if need be), or {@code null}.
	 */
	String clientCredentials(AuthorizationGrant grant) {
		String privateKey;
		try {
			privateKey = this.properties.resolvedClientPrivateKey();
		}
		catch (IllegalStateException ex) {
			throw new ClientFailure(ex.getMessage());
		}
		boolean secret = this.properties.clientSecret() != null && !this.properties.clientSecret().isBlank();
		if (grant == AuthorizationGrant.CLIENT_CREDENTIALS) {
			if (!this.properties.hasPreRegisteredClient()) {
				throw new ClientFailure("--client-credentials needs a client id (--mcp-client.client-id / MCP_CLIENT_ID)"
						+ " and a client secret (--mcp-client.client-secret / MCP_CLIENT_SECRET) or private key"
						+ " (--mcp-client.client-private-key[-file] / MCP_CLIENT_PRIVATE_KEY)");
			}
			if (!secret && privateKey == null) {
				throw new ClientFailure("--client-credentials needs a client secret (--mcp-client.client-secret /"
						+ " MCP_CLIENT_SECRET) or a private key (--mcp-client.client-private-key[-file] / MCP_CLIENT_PRIVATE_KEY)"
						+ " for client " + this.properties.clientId());
			}
		}
		if (secret && privateKey != null) {
			throw new ClientFailure("give either a client secret or a client private key, not both");
		}
		if (privateKey != null && !this.properties.hasPreRegisteredClient()) {
			throw new ClientFailure("a client private key needs its client id (--mcp-client.client-id / MCP_CLIENT_ID)");
		}
		return privateKey;
	}

	int execute(URI serverUrl, List<ToolCall> calls, TracePrinter trace, boolean verbose) {
		return execute(serverUrl, calls, trace, verbose, this.properties.grant(), this.properties.resolvedClientPrivateKey());
	}

	int execute(URI serverUrl, List<ToolCall> calls, TracePrinter trace, boolean verbose, AuthorizationGrant grant,
			String privateKey) {
		Duration timeout = this.properties.timeout();
		CimdHosting cimd = new CimdHosting();
		McpOAuthClient oauth = null;
		try (UserAgent userAgent = this.properties.headless()
				? new HeadlessUserAgent(this.properties.redirectUri(), timeout, trace, this.tls.outgoing())
				: new BrowserUserAgent(this.properties.interactiveTimeout(), trace, this.err)) {
			McpOAuthClient.Builder builder = McpOAuthClient.builder(serverUrl)
				.clientName(this.properties.clientName())
				.clientMetadataDocument(cimd)
				.userAgent(userAgent)
				.timeout(timeout)
				.sslContext(this.tls.outgoing())
				.listener(trace)
				.jsonMapper(this.json)
				.grant(grant)
				.dpop(this.properties.dpop());
			if (this.properties.hasPreRegisteredClient()) {
				builder.clientCredentials(this.properties.clientId(), this.properties.clientSecret())
					.clientPrivateKey(privateKey);
			}
			try {
				oauth = builder.build();
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				this.err.println("mcp-client: " + failureLine(ex.getMessage()));
				return 2;
			}
			Duration requestTimeout = this.properties.headless() ? timeout
					: this.properties.interactiveTimeout().plus(timeout);
			List<String> called = new ToolJourney(oauth, trace, this.json, requestTimeout, this.tls).run(serverUrl,
					calls);
			trace.success(summary(oauth, called));
			return 0;
		}
		catch (RuntimeException ex) {
			this.err.println("mcp-client: " + failureLine(describe(ex, oauth, serverUrl)));
			if (verbose) {
				ex.printStackTrace(this.err);
			}
			return 1;
		}
		finally {
			if (oauth != null) {
				oauth.close();
			}
			cimd.close();
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	static URI serverUrl(List<String> nonOptionArgs) {
		if (nonOptionArgs.size() != 1) {
			throw new ClientFailure("expected exactly one MCP server URL, got " + nonOptionArgs.size() + " arguments");
		}
		URI uri;
		try {
			uri = URI.create(nonOptionArgs.get(0));
		}
		catch (IllegalArgumentException ex) {
			throw new ClientFailure("not a valid URL: " + nonOptionArgs.get(0));
		}
		// MCP canonical server URI: absolute, http(s), no fragment (MCP authorization, Canonical Server URI).
		if (!uri.isAbsolute() || uri.getHost() == null || uri.getFragment() != null
				|| !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
			throw new ClientFailure("the MCP server URL must be an absolute http(s) URL without fragment: " + uri);
		}
		return uri;
	}

	/** {@code --call=whoami --call=get_weather={"city":"Paris"}}: replaces the configured journey. */
	List<ToolCall> parseCalls(List<String> values) {
		List<ToolCall> calls = new ArrayList<>();
		for (String value : values) {
			int eq = value.indexOf('=');
			String tool = eq < 0 ? value : value.substring(0, eq);
			Map<String, Object> arguments = Map.of();
			if (eq >= 0) {
				try {
					arguments = this.json.readValue(value.substring(eq + 1), new TypeReference<Map<String, Object>>() {
					});
				}
				catch (RuntimeException ex) {
					throw new ClientFailure("--call arguments of '" + tool + "' are not a JSON object");
				}
			}
			if (tool.isBlank()) {
				throw new ClientFailure("--call needs a tool name");
			}
			calls.add(new ToolCall(tool, arguments, false));
		}
		return calls;
	}

	private static String summary(McpOAuthClient flow, List<String> called) {
		if (flow.authorizations() == 0) {
			return "MCP journey completed (" + called.size() + " tool calls, no authorization required)";
		}
		if (flow.grant() == AuthorizationGrant.CLIENT_CREDENTIALS) {
			return "client credentials + OAuth 2.1" + (flow.stepUps() > 0 ? " + step-up" : "") + " flow completed";
		}
		String registration = flow.registrationMethod().map(RegistrationMethod::label).orElse("OAuth");
		String prefix = flow.registrationMethod().filter(m -> m == RegistrationMethod.CIMD).isPresent() ? "full " : "";
		return prefix + registration + " + OAuth 2.1" + (flow.stepUps() > 0 ? " + step-up" : "") + " flow completed";
	}

	private static String describe(Throwable ex, McpOAuthClient oauth, URI serverUrl) {
		if (oauth != null && oauth.failure().isPresent()) {
			return withOption(oauth.failure().get());
		}
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof McpAuthorizationException failure) {
				return withOption(failure);
			}
			if (t instanceof ClientFailure failure) {
				return failure.getMessage();
			}
			if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
				return "cannot connect to the MCP server at " + serverUrl;
			}
			if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.http.HttpTimeoutException) {
				// Reactor's own text ("Did not observe any item or terminal signal within ...") says nothing to a user.
				return "the MCP server at " + serverUrl + " did not answer in time (mcp-client.timeout)";
			}
			if (t instanceof McpHttpClientTransportAuthorizationException auth) {
				return "the MCP server kept answering HTTP " + auth.getResponseInfo().statusCode()
						+ " after " + AuthorizationAttempts.DEFAULT_LIMIT + " authorization retries";
			}
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return "MCP request failed: " + (root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
	}

	/** The library names no command-line option; the line tells the user which one changes the outcome. */
	private static String withOption(McpAuthorizationException failure) {
		if (failure instanceof InteractionRequiredException) {
			return failure.getMessage() + ": run with --mcp-client.headless=false";
		}
		if (failure instanceof NoRegistrationMethodException) {
			return failure.getMessage() + " (--mcp-client.client-id / MCP_CLIENT_ID)";
		}
		return failure.getMessage();
	}

	/** The one stderr line: parts of it come from servers (error descriptions, response bodies), so bounded too. */
	static String failureLine(String description) {
		String line = TracePrinter.oneLine(description);
		return line.length() <= MAX_FAILURE_LINE ? line : line.substring(0, MAX_FAILURE_LINE) + "...";
	}

	/**
	 * The CIMD document of {@code mcp-client.cimd.*}: hosted on first use only, unless an external URL is configured
	 * (checked when first needed, so a run that never meets a CIMD server never fails on it).
	 */
	private final class CimdHosting implements ClientMetadataDocumentLocation {

		private ClientMetadataDocumentHost host;

		@Override
		public synchronized String clientId() {
			McpClientProperties.Cimd cimd = ClientCommand.this.properties.cimd();
			if (cimd.url() != null && !cimd.url().isBlank()) {
				if (!cimd.url().startsWith("https://")) {
					throw new McpAuthorizationException(
							"mcp-client.cimd.url must be an https URL with a path (CIMD client_id rules)");
				}
				return cimd.url();
			}
			if (this.host == null) {
				try {
					this.host = new ClientMetadataDocumentHost(cimd.bindAddress(), cimd.port(), cimd.publicBaseUrl(),
							ClientCommand.this.properties.clientName(), ClientCommand.this.json,
							ClientCommand.this.tls.documentHost());
				}
				catch (McpAuthorizationException ex) {
					throw new McpAuthorizationException(ex.getMessage()
							+ " (set --mcp-client.cimd.port, or --mcp-client.cimd.url for an externally hosted document)",
							ex.getCause());
				}
			}
			return this.host.clientId();
		}

		@Override
		public synchronized List<String> takeFetches() {
			return this.host == null ? List.of() : this.host.takeFetches();
		}

		@Override
		public synchronized void close() {
			if (this.host != null) {
				this.host.close();
			}
		}

	}

}
