package dev.mcpauth.client;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import dev.mcpauth.client.authorization.BrowserUserAgent;
import dev.mcpauth.client.authorization.HeadlessUserAgent;
import dev.mcpauth.client.authorization.UserAgent;
import dev.mcpauth.client.cimd.ClientMetadataDocumentHost;
import dev.mcpauth.client.config.McpClientProperties;
import dev.mcpauth.client.discovery.AuthorizationServerMetadataDiscovery;
import dev.mcpauth.client.discovery.ProtectedResourceMetadataDiscovery;
import dev.mcpauth.client.discovery.WwwAuthenticateParser;
import dev.mcpauth.client.http.OAuthHttpClient;
import dev.mcpauth.client.journey.ToolCall;
import dev.mcpauth.client.journey.ToolJourney;
import dev.mcpauth.client.registration.ClientRegistrar;
import dev.mcpauth.client.registration.DynamicClientRegistration;
import dev.mcpauth.client.registration.RegistrationMethod;
import dev.mcpauth.client.stepup.AuthorizationAttempts;
import dev.mcpauth.client.token.TokenEndpointClient;
import dev.mcpauth.client.token.TokenStore;
import dev.mcpauth.client.trace.TracePrinter;
import dev.mcpauth.client.trace.Verbosity;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the command line, wires the flow for one MCP server URL, runs the journey and turns the outcome into an exit
 * code: 0 on success; 1 with one line on stderr when the flow fails; 2 for a usage error.
 */
@Component
public class ClientCommand implements ApplicationRunner, ExitCodeGenerator {

	static final String USAGE = "usage: java -jar mcp-client-exec.jar [--quiet|--verbose] [--call=TOOL[={json}]]... "
			+ "[--mcp-client.*=...] <mcp-server-url>";

	private static final int MAX_FAILURE_LINE = 1000;

	private final McpClientProperties properties;

	private final JsonMapper json;

	private final PrintStream out;

	private final PrintStream err;

	private int exitCode;

	@Autowired
	public ClientCommand(McpClientProperties properties, JsonMapper json) {
		this(properties, json, System.out, System.err);
	}

	ClientCommand(McpClientProperties properties, JsonMapper json, PrintStream out, PrintStream err) {
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
		try {
			serverUrl = serverUrl(args.getNonOptionArgs());
			calls = args.containsOption("call") ? parseCalls(args.getOptionValues("call")) : this.properties.journey();
		}
		catch (ClientFailure ex) {
			this.err.println("mcp-client: " + TracePrinter.oneLine(ex.getMessage()) + " (" + USAGE + ")");
			this.exitCode = 2;
			return;
		}
		Verbosity verbosity = verbose ? Verbosity.VERBOSE : args.containsOption("quiet") ? Verbosity.QUIET : Verbosity.NORMAL;
		this.exitCode = execute(serverUrl, calls, new TracePrinter(this.out, verbosity), verbose);
	}

	int execute(URI serverUrl, List<ToolCall> calls, TracePrinter trace, boolean verbose) {
		Duration timeout = this.properties.timeout();
		OAuthHttpClient http = new OAuthHttpClient(this.json, timeout, trace);
		CimdHosting cimd = new CimdHosting();
		McpAuthorizationFlow flow = null;
		try (UserAgent userAgent = this.properties.headless()
				? new HeadlessUserAgent(this.properties.redirectUri(), timeout, trace)
				: new BrowserUserAgent(this.properties.interactiveTimeout(), trace, this.err)) {
			ClientRegistrar.PreRegisteredClient preRegistered = this.properties.hasPreRegisteredClient()
					? new ClientRegistrar.PreRegisteredClient(this.properties.clientId(), blankToNull(this.properties.clientSecret()))
					: null;
			ClientRegistrar registrar = new ClientRegistrar(preRegistered, cimd::clientId,
					new DynamicClientRegistration(http, this.properties.clientName()));
			McpAuthorizationFlow.Steps steps = new McpAuthorizationFlow.Steps(new WwwAuthenticateParser(),
					new ProtectedResourceMetadataDiscovery(http), new AuthorizationServerMetadataDiscovery(http), registrar,
					userAgent, new TokenEndpointClient(http, Clock.systemUTC()), new TokenStore(), cimd::takeFetches);
			flow = new McpAuthorizationFlow(serverUrl, steps, new AuthorizationAttempts(AuthorizationAttempts.DEFAULT_LIMIT),
					trace, this.json, Clock.systemUTC());
			Duration requestTimeout = this.properties.headless() ? timeout
					: this.properties.interactiveTimeout().plus(timeout);
			List<String> called = new ToolJourney(flow, trace, this.json, requestTimeout).run(serverUrl, calls);
			trace.success(summary(flow, called));
			return 0;
		}
		catch (RuntimeException ex) {
			this.err.println("mcp-client: " + failureLine(describe(ex, flow, serverUrl)));
			if (verbose) {
				ex.printStackTrace(this.err);
			}
			return 1;
		}
		finally {
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

	private static String summary(McpAuthorizationFlow flow, List<String> called) {
		if (flow.authorizations() == 0) {
			return "MCP journey completed (" + called.size() + " tool calls, no authorization required)";
		}
		String registration = flow.registrationMethod().map(RegistrationMethod::label).orElse("OAuth");
		String prefix = flow.registrationMethod().filter(m -> m == RegistrationMethod.CIMD).isPresent() ? "full " : "";
		return prefix + registration + " + OAuth 2.1" + (flow.stepUps() > 0 ? " + step-up" : "") + " flow completed";
	}

	private static String describe(Throwable ex, McpAuthorizationFlow flow, URI serverUrl) {
		if (flow != null && flow.failure().isPresent()) {
			return flow.failure().get().getMessage();
		}
		for (Throwable t = ex; t != null; t = t.getCause()) {
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

	/** The one stderr line: parts of it come from servers (error descriptions, response bodies), so bounded too. */
	static String failureLine(String description) {
		String line = TracePrinter.oneLine(description);
		return line.length() <= MAX_FAILURE_LINE ? line : line.substring(0, MAX_FAILURE_LINE) + "...";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** Hosts the CIMD document on first use only, unless an external URL is configured. */
	private final class CimdHosting {

		private ClientMetadataDocumentHost host;

		synchronized String clientId() {
			McpClientProperties.Cimd cimd = ClientCommand.this.properties.cimd();
			if (cimd.url() != null && !cimd.url().isBlank()) {
				if (!cimd.url().startsWith("https://")) {
					throw new ClientFailure("mcp-client.cimd.url must be an https URL with a path (CIMD client_id rules)");
				}
				return cimd.url();
			}
			if (this.host == null) {
				this.host = new ClientMetadataDocumentHost(cimd.bindAddress(), cimd.port(), cimd.publicBaseUrl(),
						ClientCommand.this.properties.clientName(), ClientCommand.this.json);
			}
			return this.host.clientId();
		}

		synchronized List<String> takeFetches() {
			return this.host == null ? List.of() : this.host.takeFetches();
		}

		synchronized void close() {
			if (this.host != null) {
				this.host.close();
			}
		}

	}

}
