package dev.mcpauth.benchmarks.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.mcpauth.benchmarks.http.HttpConnection;
import dev.mcpauth.benchmarks.load.LoadLoop;
import dev.mcpauth.benchmarks.load.LoadLoop.Sample;
import dev.mcpauth.benchmarks.load.LoadResult;
import dev.mcpauth.benchmarks.load.LoadSpec;
import dev.mcpauth.benchmarks.load.Operation;
import dev.mcpauth.benchmarks.mcp.McpEndpoint;
import dev.mcpauth.benchmarks.oauth.ClientMetadataHost;
import dev.mcpauth.benchmarks.oauth.TokenResponse;
import dev.mcpauth.benchmarks.scenario.Servers.RunningServer;
import dev.mcpauth.demo.process.LocalPorts;
import dev.mcpauth.demo.process.ServiceStartException;

/**
 * Scenario 1: what authorization costs the MCP server. Two resource servers from the same jar with the same JVM
 * options run side by side; one with its security filter chain, one with it switched off from the command line.
 * Both get the same {@code tools/call} over one MCP session, in alternating order round after round so that a
 * change in the machine's background load hits both alike.
 */
public final class ResourceServerBenchmark {

	/**
	 * Spring Boot registers the security filter chain for the dispatcher types of this property; a request is
	 * never an INCLUDE dispatch, so the whole chain (token validation, scope check, session binding, Origin check)
	 * is skipped, while the rest of the application is the same.
	 */
	public static final String SECURITY_OFF = "--spring.security.filter.dispatcher-types=include";

	/** Tokens outlive the run; the lifetime changes nothing in what a request costs. */
	private static final String LONG_LIVED_TOKENS = "--mcp.authorization-server.access-token-time-to-live=1h";

	private static final List<Tool> TOOLS = List.of(new Tool("whoami", "{}"),
			new Tool("get_weather", "{\"city\":\"Paris\"}"));

	private final Servers servers;

	private final ClientMetadataHost clients;

	private final RunSettings settings;

	private final Consumer<String> progress;

	public ResourceServerBenchmark(Servers servers, ClientMetadataHost clients, RunSettings settings,
			Consumer<String> progress) {
		this.servers = servers;
		this.clients = clients;
		this.settings = settings;
		this.progress = progress;
	}

	public Result run() throws IOException, InterruptedException, ServiceStartException {
		int securedPort = LocalPorts.pickFree();
		String resource = Servers.resourceFor(securedPort);
		this.progress.accept("resource server: starting an authorization server and two MCP servers");
		RunningServer as = this.servers.authorizationServer("rs-auth-server", List.of(resource),
				List.of(LONG_LIVED_TOKENS));
		RunningServer secured = this.servers.resourceServer("resource-server-secured", securedPort, as.url());
		RunningServer open = this.servers.unsecuredResourceServer("resource-server-open", LocalPorts.pickFree(),
				as.url(), SECURITY_OFF);

		Map<String, String> checks = new LinkedHashMap<>();
		checks.put("tokenless initialize, secured server", tokenlessInitialize(secured));
		checks.put("tokenless initialize, security off", tokenlessInitialize(open));

		TokenResponse token;
		try (HttpConnection connection = HttpConnection.localhost(as.port())) {
			token = AuthorizationServerBenchmark.flowFor(connection, this.clients, "rs-caller", resource,
					"mcp:connect weather:read").obtainToken(connection);
		}
		Variant securedVariant = Variant.open(secured, new McpEndpoint("/mcp", token.accessToken()));
		Variant openVariant = Variant.open(open, new McpEndpoint("/mcp", null));
		for (Tool tool : TOOLS) {
			checks.put(tool.name() + ", secured server answers", summary(securedVariant.call(tool).send(
					securedVariant.connection())));
			checks.put(tool.name() + ", security off answers", summary(openVariant.call(tool).send(
					openVariant.connection())));
		}

		this.progress.accept("resource server: warm-up");
		for (Variant variant : List.of(securedVariant, openVariant)) {
			for (Tool tool : TOOLS) {
				measure(variant, tool, this.settings.warmup());
			}
		}
		Map<String, List<Sample>> samples = new LinkedHashMap<>();
		for (int round = 0; round < this.settings.rsRounds(); round++) {
			this.progress.accept("resource server: round " + (round + 1) + " of " + this.settings.rsRounds());
			for (int concurrency : this.settings.rsConcurrency()) {
				for (Tool tool : TOOLS) {
					List<Variant> order = (round % 2 == 0) ? List.of(securedVariant, openVariant)
							: List.of(openVariant, securedVariant);
					for (Variant variant : order) {
						Sample sample = measure(variant, tool, this.settings.measure().withConcurrency(concurrency));
						samples.computeIfAbsent(key(variant, tool, concurrency), (k) -> new ArrayList<>()).add(sample);
					}
				}
			}
		}
		List<Comparison> comparisons = new ArrayList<>();
		for (Tool tool : TOOLS) {
			for (int concurrency : this.settings.rsConcurrency()) {
				LoadResult withSecurity = Sample.merge(samples.get(key(securedVariant, tool, concurrency))).result();
				LoadResult without = Sample.merge(samples.get(key(openVariant, tool, concurrency))).result();
				comparisons.add(Comparison.of(tool.name(), concurrency, withSecurity, without));
			}
		}
		securedVariant.connection().close();
		openVariant.connection().close();
		this.servers.stop(secured);
		this.servers.stop(open);
		this.servers.stop(as);
		return new Result(SECURITY_OFF, checks, comparisons);
	}

	private Sample measure(Variant variant, Tool tool, LoadSpec spec) throws InterruptedException {
		McpEndpoint.ToolCall call = variant.call(tool);
		int port = variant.server().port();
		return LoadLoop.run(spec, (worker) -> {
			HttpConnection connection = HttpConnection.localhost(port).connect();
			return new Operation() {
				@Override
				public void run() throws IOException {
					call.send(connection);
				}

				@Override
				public void close() {
					connection.close();
				}
			};
		});
	}

	private static String tokenlessInitialize(RunningServer server) throws IOException {
		try (HttpConnection connection = HttpConnection.localhost(server.port())) {
			try {
				new McpEndpoint("/mcp", null).initialize(connection);
				return "200, session opened";
			}
			catch (IOException ex) {
				return ex.getMessage();
			}
		}
	}

	/** What a tool answered, short and without claims: a result, or a tool error (MCP isError). */
	private static String summary(String message) {
		return message.contains("\"isError\":true") ? "tool error (isError: true)" : "result";
	}

	private static String key(Variant variant, Tool tool, int concurrency) {
		return variant.server().name() + "/" + tool.name() + "/" + concurrency;
	}

	private record Tool(String name, String arguments) {
	}

	/** One server with its MCP session, opened once and shared by every worker's connection. */
	private record Variant(RunningServer server, McpEndpoint endpoint, String session, HttpConnection connection) {

		static Variant open(RunningServer server, McpEndpoint endpoint) {
			HttpConnection connection = HttpConnection.localhost(server.port());
			try {
				return new Variant(server, endpoint, endpoint.initialize(connection), connection);
			}
			catch (IOException ex) {
				connection.close();
				throw new UncheckedIOException(server.name() + ": " + ex.getMessage(), ex);
			}
		}

		McpEndpoint.ToolCall call(Tool tool) {
			return this.endpoint.toolCall(this.session, tool.name(), tool.arguments());
		}

	}

	/**
	 * Secured against open for one tool at one concurrency.
	 * @param tool the tool called
	 * @param concurrency workers
	 * @param secured with the security filter chain
	 * @param open without it
	 * @param throughputRatio secured calls per second over open calls per second (target at least 0.9)
	 * @param p50OverheadMillis secured median minus open median
	 * @param p99OverheadMillis secured p99 minus open p99 (target under 1 ms)
	 */
	public record Comparison(String tool, int concurrency, LoadResult secured, LoadResult open,
			double throughputRatio, double p50OverheadMillis, double p99OverheadMillis) {

		public static Comparison of(String tool, int concurrency, LoadResult secured, LoadResult open) {
			return new Comparison(tool, concurrency, secured, open,
					(open.perSecond() > 0) ? secured.perSecond() / open.perSecond() : 0,
					secured.p50Millis() - open.p50Millis(), secured.p99Millis() - open.p99Millis());
		}

	}

	/**
	 * @param securityOffSwitch the command-line argument that switches security off
	 * @param checks what each server answered before the load (proves the switch, and what the tools return)
	 * @param comparisons one per tool and concurrency
	 */
	public record Result(String securityOffSwitch, Map<String, String> checks, List<Comparison> comparisons) {
	}

}
