package dev.mcpauth.benchmarks.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.mcpauth.benchmarks.http.HttpConnection;
import dev.mcpauth.benchmarks.http.HttpResponse;
import dev.mcpauth.benchmarks.keycloak.KeycloakRealm;
import dev.mcpauth.benchmarks.keycloak.KeycloakServer;
import dev.mcpauth.benchmarks.load.LoadLoop;
import dev.mcpauth.benchmarks.load.LoadResult;
import dev.mcpauth.benchmarks.load.LoadSpec;
import dev.mcpauth.benchmarks.load.Operation;
import dev.mcpauth.benchmarks.oauth.AuthorizationCodeFlow;
import dev.mcpauth.benchmarks.oauth.AuthorizationCodeFlow.FlowException;
import dev.mcpauth.benchmarks.oauth.BrowserSession;
import dev.mcpauth.benchmarks.oauth.ClientMetadataHost;
import dev.mcpauth.benchmarks.oauth.Pkce;
import dev.mcpauth.benchmarks.oauth.ServiceClient;
import dev.mcpauth.benchmarks.oauth.TokenResponse;
import dev.mcpauth.benchmarks.report.ProcessMemory;
import dev.mcpauth.benchmarks.scenario.Servers.RunningServer;
import dev.mcpauth.demo.process.ServiceStartException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18: the auth-server and Keycloak in the same run, one at a time, under the same {@link LoadLoop}, the same
 * warm-up and the same concurrency levels, for the same three operations:
 * <ol>
 * <li>client credentials grants of a confidential client ({@code client_secret_basic}, with {@code resource});</li>
 * <li>rotating refresh grants of a public client (each worker spends its newest refresh token);</li>
 * <li>complete authorization code + PKCE flows of a user who already has a session (the auth-server's demo
 * profile signs its user in; at Keycloak each worker signs in once through the login form, outside the clock,
 * and then presents the session cookie).</li>
 * </ol>
 * An operation a server does not offer (the auth-server without {@code client_credentials} in its metadata, or
 * answering {@code unsupported_grant_type}) is skipped with the reason. Each server's time from process start to
 * ready and its resident memory (idle after ready, and at the end of the load, with the high-water mark) are
 * recorded too.
 * <p>
 * Between the two, the auth-server runs once more with its production start configuration ({@link ProductionStart}:
 * class data sharing, a bounded heap, the serial collector) under the same load, so that a smaller footprint is never
 * reported without the throughput it costs. Without Keycloak ({@code --only=start}) only the auth-server's two
 * configurations run.
 */
public final class SideBySideBenchmark {

	static final String OURS = "auth-server";

	/** The row of the auth-server started as {@code scripts/auth-server.sh} starts it ({@link ProductionStart}). */
	static final String OURS_PRODUCTION = "auth-server, production start configuration";

	static final String KEYCLOAK = "Keycloak " + KeycloakServer.VERSION;

	static final String SERVICE_CLIENT = "mcp-bench-service";

	/** Both servers' service client: a generated 43-character secret, as a production deployment configures one. */
	private static final ServiceClient SERVICE = ServiceClient.generate(SERVICE_CLIENT);

	private static final String SERVICE_SECRET = SERVICE.secret();

	/** What the report says about the secret, for both servers. */
	static final String SECRET_NOTE = "`client_secret_basic` with a generated secret of " + ServiceClient.SECRET_LENGTH
			+ " characters (32 random bytes, base64url)";

	/**
	 * Keycloak 26.7.3's experimental {@code resource-indicators} feature answers a client credentials request
	 * carrying {@code resource} with 500 (a NullPointerException in its {@code ResourceIndicatorsPostProcessor}: that
	 * response has no refresh token). Its grant is therefore measured without {@code resource}; the token gets the
	 * same {@code aud} from the realm's audience mapper.
	 */
	static final String KEYCLOAK_CC_RESOURCE = null;

	/** The operations in the order they run on each server. */
	public static final List<String> OPERATIONS = List.of("client credentials", "refresh token (rotating)",
			"authorization code + PKCE (full flow, signed-in user)");

	private final Servers servers;

	private final ClientMetadataHost clients;

	private final RunSettings settings;

	private final Consumer<String> progress;

	private final Path targetDir;

	private final Path keycloakJava;

	private final List<String> jvmOptions;

	private final Path logDir;

	private final Path jfrDir;

	private final ProductionStart production;

	/**
	 * @param production the auth-server's production start configuration, measured as a third server under the same
	 * load; {@code null} leaves that row out
	 */
	public SideBySideBenchmark(Servers servers, ClientMetadataHost clients, RunSettings settings,
			Consumer<String> progress, Path targetDir, Path keycloakJava, List<String> jvmOptions, Path logDir,
			Path jfrDir, ProductionStart production) {
		this.servers = servers;
		this.clients = clients;
		this.settings = settings;
		this.progress = progress;
		this.targetDir = targetDir;
		this.keycloakJava = keycloakJava;
		this.jvmOptions = List.copyOf(jvmOptions);
		this.logDir = logDir;
		this.jfrDir = jfrDir;
		this.production = production;
	}

	/**
	 * @param keycloakFirst Keycloak before the auth-server instead of after it
	 * @param withKeycloak {@code false}: the auth-server's two configurations only (no Keycloak distribution needed)
	 */
	public Result run(boolean keycloakFirst, boolean withKeycloak)
			throws IOException, InterruptedException, ServiceStartException {
		ServerResult keycloak = (withKeycloak && keycloakFirst) ? keycloak() : null;
		ServerResult ours = ours(OURS, (name, resources, arguments) -> this.servers.authorizationServer(name,
				resources, arguments));
		ServerResult production = null;
		if (this.production != null) {
			this.progress.accept("side by side: preparing the production start configuration's class data sharing "
					+ "layout (a training run when the jar changed; not timed)");
			production = ours(OURS_PRODUCTION + ", " + this.production.database(), (name, resources,
					arguments) -> this.servers
				.productionAuthorizationServer(name, resources, arguments, this.production));
		}
		if (withKeycloak && !keycloakFirst) {
			keycloak = keycloak();
		}
		String order = !withKeycloak ? "the auth-server's two configurations, without Keycloak"
				: keycloakFirst ? "Keycloak first" : "auth-server first";
		return new Result(ours, production, keycloak, (keycloak == null) ? List.of() : ratios(ours, keycloak), order);
	}

	private ServerResult ours(String label, AuthServerLauncher launcher)
			throws IOException, InterruptedException, ServiceStartException {
		this.progress.accept("side by side: starting " + label);
		String resource = AuthorizationServerBenchmark.RESOURCE;
		List<String> arguments = new ArrayList<>();
		arguments.add("--mcp.authorization-server.access-token-time-to-live=1h");
		arguments.addAll(SERVICE.serverArguments(0));
		RunningServer as = launcher.start(OURS.equals(label) ? "auth-server-side-by-side" : "auth-server-production",
				List.of(resource), arguments);
		Duration startup = this.servers.startupTimes().get(as.name());
		ProcessMemory idle = ProcessMemory.of(as.pid());
		try (HttpConnection connection = HttpConnection.localhost(as.port())) {
			HttpResponse metadata = connection.get("/.well-known/oauth-authorization-server",
					Map.of("Accept", "application/json"));
			JsonNode json = JsonMapper.shared().readTree(metadata.text());
			String tokenPath = URI.create(json.get("token_endpoint").stringValue()).getRawPath();
			AuthorizationCodeFlow flow = AuthorizationServerBenchmark.flowFor(connection, this.clients,
					"side-by-side", resource, AuthorizationServerBenchmark.SCOPE);
			String ccSkip = null;
			if (!advertises(json, "client_credentials")) {
				ccSkip = "the auth-server's metadata does not list client_credentials in grant_types_supported "
						+ "(the client credentials issue is not merged in this build)";
			}
			else {
				ccSkip = probe(() -> SERVICE.grant(connection, tokenPath, resource, AuthorizationServerBenchmark.SCOPE));
			}
			Map<String, WorkerOperation> operations = new LinkedHashMap<>();
			Map<String, String> skipped = new LinkedHashMap<>();
			if (ccSkip == null) {
				operations.put(OPERATIONS.get(0),
						(c) -> () -> SERVICE.grant(c, tokenPath, resource, AuthorizationServerBenchmark.SCOPE));
			}
			else {
				skipped.put(OPERATIONS.get(0), ccSkip);
			}
			operations.put(OPERATIONS.get(1), (c) -> refreshing(c, flow, () -> flow.obtainToken(c)));
			operations.put(OPERATIONS.get(2), (c) -> () -> flow.obtainToken(c));
			List<Row> rows = measureAll(label, as.port(), operations);
			ProcessMemory loaded = ProcessMemory.of(as.pid());
			this.servers.stop(as);
			Map<String, String> notes = ccSkip != null ? Map.of() : Map.of(OPERATIONS.get(0), SECRET_NOTE
					+ ", stored by the auth-server as a SHA-256 digest (`mcp.authorization-server.client-secrets`)");
			return new ServerResult(label, "Java " + Runtime.version().feature() + " (this runner's)", startup, idle,
					loaded, rows, skipped, notes);
		}
	}

	private ServerResult keycloak() throws IOException, InterruptedException, ServiceStartException {
		this.progress.accept("side by side: starting Keycloak " + KeycloakServer.VERSION + " (start-dev --features="
				+ KeycloakServer.FEATURES + ")");
		Path java = KeycloakServer.javaHome(this.keycloakJava);
		try (KeycloakServer keycloak = KeycloakServer.start(KeycloakServer.home(this.targetDir), java,
				this.jvmOptions, (this.jfrDir == null) ? null : this.jfrDir.resolve("keycloak.jfr"),
				this.logDir.resolve("keycloak.log"), Duration.ofSeconds(480))) {
			this.servers.recordReady("keycloak", Instant.now());
			ProcessMemory idle = ProcessMemory.of(keycloak.pid());
			this.progress.accept("side by side: Keycloak ready in " + keycloak.startup().toMillis()
					+ " ms; configuring its realm through the admin REST API");
			KeycloakRealm realm = new KeycloakRealm("mcp-bench", SERVICE_CLIENT, SERVICE_SECRET, "mcp-bench-public",
					this.clients.redirectUri(), "bench-user", Pkce.generate().verifier().substring(0, 20),
					AuthorizationServerBenchmark.SCOPE, AuthorizationServerBenchmark.RESOURCE, "mcp-resource");
			try (HttpConnection admin = HttpConnection.localhost(keycloak.port())) {
				realm.create(admin, "admin", keycloak.adminPassword());
			}
			String resource = AuthorizationServerBenchmark.RESOURCE;
			AuthorizationCodeFlow flow;
			String tokenPath;
			try (HttpConnection connection = HttpConnection.localhost(keycloak.port())) {
				HttpResponse metadata = connection.get(realm.path() + "/.well-known/openid-configuration",
						Map.of("Accept", "application/json"));
				JsonNode json = JsonMapper.shared().readTree(metadata.text());
				tokenPath = URI.create(json.get("token_endpoint").stringValue()).getRawPath();
				flow = new AuthorizationCodeFlow(URI.create(json.get("authorization_endpoint").stringValue())
					.getRawPath(), tokenPath, realm.publicClientId(), realm.redirectUri(), resource, realm.scope());
				// fail before any load if a grant is refused
				AuthorizationCodeFlow.clientCredentials(connection, tokenPath, SERVICE_CLIENT, SERVICE_SECRET,
						KEYCLOAK_CC_RESOURCE, realm.scope());
				BrowserSession session = new BrowserSession();
				TokenResponse first = session.signIn(connection, flow, realm.username(), realm.password());
				if (first.refreshToken() == null) {
					throw new IOException("Keycloak issued no refresh token to the public client");
				}
				TokenResponse second = flow.refresh(connection, first.refreshToken());
				try {
					flow.refresh(connection, first.refreshToken());
					throw new IOException("Keycloak accepted a spent refresh token: rotation is not on");
				}
				catch (FlowException expected) {
					// rotation on: the first refresh token is spent
				}
				flow.obtainToken(connection, session.headers());
				this.progress.accept("side by side: Keycloak answers all three operations (refresh rotates: "
						+ !second.refreshToken().equals(first.refreshToken()) + ")");
			}
			String finalTokenPath = tokenPath;
			AuthorizationCodeFlow finalFlow = flow;
			Map<String, WorkerOperation> operations = new LinkedHashMap<>();
			operations.put(OPERATIONS.get(0), (c) -> () -> AuthorizationCodeFlow.clientCredentials(c, finalTokenPath,
					SERVICE_CLIENT, SERVICE_SECRET, KEYCLOAK_CC_RESOURCE, realm.scope()));
			operations.put(OPERATIONS.get(1), (c) -> {
				BrowserSession session = new BrowserSession();
				return refreshing(c, finalFlow, () -> session.signIn(c, finalFlow, realm.username(), realm.password()));
			});
			operations.put(OPERATIONS.get(2), (c) -> {
				BrowserSession session = signedIn(c, finalFlow, realm);
				return () -> finalFlow.obtainToken(c, session.headers());
			});
			List<Row> rows = measureAll(KEYCLOAK, keycloak.port(), operations);
			ProcessMemory loaded = ProcessMemory.of(keycloak.pid());
			return new ServerResult(KEYCLOAK, "Java " + KeycloakServerJava.feature(java) + " (" + java + ")",
					keycloak.startup(), idle, loaded, rows, Map.of(), Map.of(OPERATIONS.get(0),
							SECRET_NOTE + ", without `resource` (Keycloak " + KeycloakServer.VERSION
									+ " answers 500 to client_credentials with `resource`: NullPointerException in "
									+ "its experimental ResourceIndicatorsPostProcessor); `aud` from its audience mapper"));
		}
	}

	/** A worker's own browser session at Keycloak, signed in before the clock starts. */
	private static BrowserSession signedIn(HttpConnection connection, AuthorizationCodeFlow flow, KeycloakRealm realm) {
		BrowserSession session = new BrowserSession();
		try {
			session.signIn(connection, flow, realm.username(), realm.password());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Keycloak sign-in: " + ex.getMessage(), ex);
		}
		return session;
	}

	/**
	 * The same for every server: per operation, a warm-up of {@code settings.warmup()} (results discarded), then one
	 * measurement per concurrency level of {@code settings.asConcurrency()}.
	 */
	private List<Row> measureAll(String server, int port, Map<String, WorkerOperation> operations)
			throws InterruptedException {
		List<Row> rows = new ArrayList<>();
		for (Map.Entry<String, WorkerOperation> operation : operations.entrySet()) {
			this.progress.accept("side by side: " + server + ": " + operation.getKey() + ": warm-up");
			measure(port, this.settings.warmup(), operation.getValue());
			for (int concurrency : this.settings.asConcurrency()) {
				this.progress.accept("side by side: " + server + ": " + operation.getKey() + " at concurrency "
						+ concurrency);
				LoadResult result = measure(port, this.settings.measure().withConcurrency(concurrency),
						operation.getValue())
					.result();
				rows.add(new Row(operation.getKey(), concurrency, result));
			}
		}
		return rows;
	}

	private static LoadLoop.Sample measure(int port, LoadSpec spec, WorkerOperation operation)
			throws InterruptedException {
		return LoadLoop.run(spec, (worker) -> {
			HttpConnection connection = HttpConnection.localhost(port).connect();
			Operation body = operation.on(connection);
			return new Operation() {
				@Override
				public void run() throws Exception {
					body.run();
				}

				@Override
				public void close() {
					connection.close();
				}
			};
		});
	}

	/** A worker's refresh loop: one sign-in or flow first (outside the clock), then always the newest token. */
	private static Operation refreshing(HttpConnection connection, AuthorizationCodeFlow flow, FirstToken first) {
		String[] current = new String[1];
		try {
			current[0] = first.obtain().refreshToken();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("first token: " + ex.getMessage(), ex);
		}
		return () -> {
			TokenResponse next = flow.refresh(connection, current[0]);
			if (next.refreshToken() != null) {
				current[0] = next.refreshToken();
			}
		};
	}

	private static boolean advertises(JsonNode metadata, String grant) {
		JsonNode grants = metadata.get("grant_types_supported");
		if (grants == null || !grants.isArray()) {
			return false;
		}
		for (JsonNode value : grants) {
			if (grant.equals(value.stringValue())) {
				return true;
			}
		}
		return false;
	}

	/** {@code null} when the grant works, else why it is skipped (the OAuth error code, nothing else). */
	private static String probe(FirstToken grant) {
		try {
			grant.obtain();
			return null;
		}
		catch (IOException ex) {
			return "the auth-server refused the client credentials grant (" + ex.getMessage() + ")";
		}
	}

	static List<Ratio> ratios(ServerResult ours, ServerResult keycloak) {
		List<Ratio> ratios = new ArrayList<>();
		for (Row theirs : keycloak.rows()) {
			Row mine = ours.row(theirs.operation(), theirs.concurrency());
			ratios.add(new Ratio(theirs.operation(), theirs.concurrency(), mine, theirs,
					(mine == null || theirs.result().perSecond() == 0) ? Double.NaN
							: mine.result().perSecond() / theirs.result().perSecond()));
		}
		return ratios;
	}

	@FunctionalInterface
	private interface AuthServerLauncher {

		RunningServer start(String name, List<String> resources, List<String> arguments)
				throws ServiceStartException, InterruptedException, IOException;

	}

	@FunctionalInterface
	private interface WorkerOperation {

		Operation on(HttpConnection connection);

	}

	@FunctionalInterface
	private interface FirstToken {

		TokenResponse obtain() throws IOException;

	}

	/** Reads the feature version of a JDK for the report. */
	private static final class KeycloakServerJava {

		static String feature(Path jdk) {
			try {
				java.nio.file.Path release = jdk.resolve("release");
				for (String line : java.nio.file.Files.readAllLines(release)) {
					if (line.startsWith("JAVA_VERSION=")) {
						return line.substring("JAVA_VERSION=".length()).replace("\"", "");
					}
				}
			}
			catch (IOException ex) {
				// unknown
			}
			return "?";
		}

	}

	/**
	 * @param operation one of {@link #OPERATIONS}
	 * @param concurrency workers
	 * @param result grants (or flows) per second and latency
	 */
	public record Row(String operation, int concurrency, LoadResult result) {
	}

	/**
	 * @param server the server's name
	 * @param java the JVM it ran on
	 * @param startup process start to the first 200 of its metadata
	 * @param idle memory right after ready
	 * @param loaded memory after the last measurement
	 * @param rows every operation and concurrency measured
	 * @param skipped operations not measured, with the reason
	 * @param notes operations measured differently, with the reason
	 */
	public record ServerResult(String server, String java, Duration startup, ProcessMemory idle, ProcessMemory loaded,
			List<Row> rows, Map<String, String> skipped, Map<String, String> notes) {

		/** The measurement of {@code operation} at {@code concurrency}, or {@code null}. */
		public Row row(String operation, int concurrency) {
			return this.rows.stream()
				.filter((row) -> row.operation().equals(operation) && row.concurrency() == concurrency)
				.findFirst()
				.orElse(null);
		}

	}

	/**
	 * @param ours the auth-server's row, or {@code null} when it skipped the operation
	 * @param keycloak Keycloak's row
	 * @param ratio our throughput over Keycloak's ({@code NaN} when skipped)
	 */
	public record Ratio(String operation, int concurrency, Row ours, Row keycloak, double ratio) {
	}

	/**
	 * @param ours the auth-server with the benchmark's JVM options (the same as Keycloak's)
	 * @param production the auth-server with its production start configuration, or {@code null}
	 * @param keycloak Keycloak, or {@code null} when the run left it out
	 * @param ratios ours over Keycloak, per operation and concurrency (empty without Keycloak)
	 * @param order which server ran first
	 */
	public record Result(ServerResult ours, ServerResult production, ServerResult keycloak, List<Ratio> ratios,
			String order) {
	}

}
