package dev.mcpauth.benchmarks.scenario;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.mcpauth.benchmarks.http.HttpConnection;
import dev.mcpauth.benchmarks.http.HttpResponse;
import dev.mcpauth.benchmarks.load.LoadLoop;
import dev.mcpauth.benchmarks.load.LoadLoop.Sample;
import dev.mcpauth.benchmarks.load.LoadResult;
import dev.mcpauth.benchmarks.load.LoadSpec;
import dev.mcpauth.benchmarks.load.Operation;
import dev.mcpauth.benchmarks.oauth.AuthorizationCodeFlow;
import dev.mcpauth.benchmarks.oauth.ClientMetadataHost;
import dev.mcpauth.benchmarks.oauth.Pkce;
import dev.mcpauth.benchmarks.oauth.ServiceClient;
import dev.mcpauth.benchmarks.oauth.TokenResponse;
import dev.mcpauth.benchmarks.scenario.Servers.RunningServer;
import dev.mcpauth.demo.process.ServiceStartException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenarios 2 and 3, on one authorization server in its demo profile: complete authorization code + PKCE flows of
 * a cached CIMD client at several concurrency levels, refresh token grants (if the server issues refresh tokens to
 * that client), client credentials grants of a service client with a generated secret ({@link ServiceClient}; if
 * the server offers the grant), and the latency of a first authorization (CIMD document fetched from the local
 * host) against a cached one.
 */
public final class AuthorizationServerBenchmark {

	/** The resource the tokens are for; no MCP server needs to run for the authorization server to issue them. */
	static final String RESOURCE = "http://localhost:8001/mcp";

	static final String SCOPE = "mcp:connect";

	private static final String CACHED_CLIENT = "cached";

	private static final ServiceClient SERVICE = ServiceClient.generate("mcp-bench-service");

	private final Servers servers;

	private final ClientMetadataHost clients;

	private final RunSettings settings;

	private final Consumer<String> progress;

	private final String serverName;

	private final List<String> serverArguments;

	/**
	 * @param serverName the server's log and profile name
	 * @param serverArguments extra arguments for the server (an experiment's settings), usually none
	 */
	public AuthorizationServerBenchmark(Servers servers, ClientMetadataHost clients, RunSettings settings,
			Consumer<String> progress, String serverName, List<String> serverArguments) {
		this.servers = servers;
		this.clients = clients;
		this.settings = settings;
		this.progress = progress;
		this.serverName = serverName;
		this.serverArguments = List.copyOf(serverArguments);
	}

	/** A flow of client {@code name} of the host, with the endpoints from the server's RFC 8414 metadata. */
	static AuthorizationCodeFlow flowFor(HttpConnection as, ClientMetadataHost clients, String name, String resource,
			String scope) throws IOException {
		HttpResponse metadata = as.get("/.well-known/oauth-authorization-server", Map.of("Accept", "application/json"));
		if (metadata.status() != 200) {
			throw new IOException("authorization server metadata answered " + metadata.status());
		}
		JsonNode json = JsonMapper.shared().readTree(metadata.text());
		return new AuthorizationCodeFlow(URI.create(json.get("authorization_endpoint").stringValue()).getRawPath(),
				URI.create(json.get("token_endpoint").stringValue()).getRawPath(), clients.clientId(name),
				clients.redirectUri(), resource, scope);
	}

	/**
	 * @param flows measure flows and refresh grants
	 * @param firstAuthorizations measure cold against cached CIMD authorizations
	 */
	public Result run(boolean flows, boolean firstAuthorizations)
			throws IOException, InterruptedException, ServiceStartException {
		this.progress.accept(this.serverName + ": starting");
		List<String> arguments = new ArrayList<>(this.serverArguments);
		arguments.addAll(SERVICE.serverArguments(0));
		RunningServer as = this.servers.authorizationServer(this.serverName, List.of(RESOURCE), arguments);
		AuthorizationCodeFlow cached;
		try (HttpConnection connection = HttpConnection.localhost(as.port())) {
			cached = flowFor(connection, this.clients, CACHED_CLIENT, RESOURCE, SCOPE);
		}
		this.progress.accept(this.serverName + ": warm-up");
		long stored = measure(as, this.settings.warmup(), (connection) -> () -> cached.obtainToken(connection))
			.operations();

		CimdResult cimd = null;
		if (firstAuthorizations) {
			this.progress.accept("CIMD: first authorizations against cached ones");
			cimd = cimd(as, cached);
			stored += 2L * cimd.coldClients();
		}
		List<LevelResult> levels = new ArrayList<>();
		RefreshResult refresh = null;
		ClientCredentialsResult clientCredentials = null;
		if (flows) {
			for (int concurrency : this.settings.asConcurrency()) {
				this.progress.accept(this.serverName + ": flows at concurrency " + concurrency);
				Sample sample = measure(as, this.settings.measure().withConcurrency(concurrency),
						(connection) -> () -> cached.obtainToken(connection));
				levels.add(new LevelResult(concurrency, sample.result(), stored));
				stored += sample.operations();
			}
			refresh = refresh(as, cached, stored);
			clientCredentials = clientCredentials(as, cached.tokenPath(), stored);
		}
		int cachedFetches = this.clients.fetches(CACHED_CLIENT);
		this.servers.stop(as);
		return new Result(this.serverArguments, levels, refresh, clientCredentials, cimd, cachedFetches);
	}

	/**
	 * Client credentials grants ({@code client_secret_basic}, with {@code resource}) of the service client: each
	 * grant authenticates the client with its secret and stores one authorization (its access token). Skipped, and
	 * said so, when the server refuses the grant (a build without it).
	 */
	private ClientCredentialsResult clientCredentials(RunningServer as, String tokenPath, long storedBefore)
			throws InterruptedException {
		try (HttpConnection connection = HttpConnection.localhost(as.port())) {
			SERVICE.grant(connection, tokenPath, RESOURCE, SCOPE);
		}
		catch (IOException ex) {
			return new ClientCredentialsResult("the server refused the grant (" + ex.getMessage() + ")",
					ServiceClient.SECRET_LENGTH, List.of());
		}
		this.progress.accept(this.serverName + ": client credentials warm-up");
		long stored = storedBefore + 1 + measure(as, this.settings.warmup(),
				(worker) -> () -> SERVICE.grant(worker, tokenPath, RESOURCE, SCOPE))
			.operations();
		List<LevelResult> levels = new ArrayList<>();
		for (int concurrency : this.settings.asConcurrency()) {
			this.progress.accept(this.serverName + ": client credentials grants at concurrency " + concurrency);
			Sample sample = measure(as, this.settings.measure().withConcurrency(concurrency),
					(worker) -> () -> SERVICE.grant(worker, tokenPath, RESOURCE, SCOPE));
			levels.add(new LevelResult(concurrency, sample.result(), stored));
			stored += sample.operations();
		}
		return new ClientCredentialsResult(null, ServiceClient.SECRET_LENGTH, levels);
	}

	/**
	 * Refresh grants with rotation: each worker first completes one flow (outside the clock) and then trades its
	 * refresh token for the next one. Skipped, and said so, when the server issues no refresh token to the client.
	 */
	private RefreshResult refresh(RunningServer as, AuthorizationCodeFlow flow, long storedBefore)
			throws IOException, InterruptedException {
		TokenResponse first;
		try (HttpConnection connection = HttpConnection.localhost(as.port())) {
			first = flow.obtainToken(connection);
			if (first.refreshToken() == null) {
				return new RefreshResult(false, false, List.of());
			}
			TokenResponse second = flow.refresh(connection, first.refreshToken());
			boolean rotates = second.refreshToken() != null && !second.refreshToken().equals(first.refreshToken());
			this.progress.accept(this.serverName + ": refresh grant warm-up");
			measure(as, this.settings.warmup(), (worker) -> refreshing(worker, flow));
			List<LevelResult> levels = new ArrayList<>();
			for (int concurrency : this.settings.asConcurrency()) {
				this.progress.accept(this.serverName + ": refresh grants at concurrency " + concurrency);
				levels.add(new LevelResult(concurrency, measure(as,
						this.settings.measure().withConcurrency(concurrency), (worker) -> refreshing(worker, flow))
					.result(), storedBefore));
			}
			return new RefreshResult(true, rotates, levels);
		}
	}

	/** A worker's refresh loop; the token it holds is always the newest one (the previous is spent). */
	private static Operation refreshing(HttpConnection connection, AuthorizationCodeFlow flow) {
		String[] current = new String[1];
		return () -> {
			if (current[0] == null) {
				current[0] = flow.obtainToken(connection).refreshToken();
			}
			TokenResponse next = flow.refresh(connection, current[0]);
			if (next.refreshToken() != null) {
				current[0] = next.refreshToken();
			}
		};
	}

	/**
	 * Interleaves first authorizations of never-seen clients (the server fetches, validates and stores the
	 * document) with authorizations of the cached client, one at a time, so that both meet the same JIT state and
	 * background load. Only the authorization request is timed: that is where the document is resolved.
	 */
	private CimdResult cimd(RunningServer as, AuthorizationCodeFlow cached) throws IOException {
		int clients = this.settings.cimdClients();
		long[] coldNanos = new long[clients];
		long[] cachedNanos = new long[clients];
		long deadline = System.nanoTime() + this.settings.measure().maxDuration().multipliedBy(4).toNanos();
		int done = 0;
		try (HttpConnection connection = HttpConnection.localhost(as.port())) {
			List<AuthorizationCodeFlow> cold = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				cold.add(flowFor(connection, this.clients, "cold-" + i, RESOURCE, SCOPE));
			}
			for (; done < clients && System.nanoTime() < deadline; done++) {
				Pkce pkce = Pkce.generate();
				long begin = System.nanoTime();
				cold.get(done).authorize(connection, pkce);
				coldNanos[done] = System.nanoTime() - begin;
				pkce = Pkce.generate();
				begin = System.nanoTime();
				cached.authorize(connection, pkce);
				cachedNanos[done] = System.nanoTime() - begin;
			}
		}
		int fetchedOnce = 0;
		for (int i = 0; i < done; i++) {
			if (this.clients.fetches("cold-" + i) == 1) {
				fetchedOnce++;
			}
		}
		long[] coldTimes = Arrays.copyOf(coldNanos, done);
		long[] cachedTimes = Arrays.copyOf(cachedNanos, done);
		return new CimdResult(LoadResult.of(coldTimes, 0, null, Arrays.stream(coldTimes).sum()),
				LoadResult.of(cachedTimes, 0, null, Arrays.stream(cachedTimes).sum()), fetchedOnce, done);
	}

	/** Runs a load in which each worker has its own keep-alive connection to the authorization server. */
	private static Sample measure(RunningServer as, LoadSpec spec, WorkerOperation operation)
			throws InterruptedException {
		return LoadLoop.run(spec, (worker) -> {
			HttpConnection connection = HttpConnection.localhost(as.port()).connect();
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

	@FunctionalInterface
	private interface WorkerOperation {

		Operation on(HttpConnection connection);

	}

	/**
	 * @param concurrency workers
	 * @param result flows (or grants) per second and their latency
	 * @param authorizationsBefore about how many authorizations the server had stored when this level started
	 * (every authorization request stores one; refresh grants update theirs)
	 */
	public record LevelResult(int concurrency, LoadResult result, long authorizationsBefore) {
	}

	/**
	 * @param issued whether the token response to the CIMD client (which declares {@code refresh_token}) carried a
	 * refresh token
	 * @param rotates whether a refresh answered with a new refresh token
	 * @param levels refresh grants per concurrency level (empty when none were issued)
	 */
	public record RefreshResult(boolean issued, boolean rotates, List<LevelResult> levels) {
	}

	/**
	 * @param skipped why the grant was not measured, or {@code null}
	 * @param secretLength the service client's secret length in characters (a generated one)
	 * @param levels grants per concurrency level (empty when skipped)
	 */
	public record ClientCredentialsResult(String skipped, int secretLength, List<LevelResult> levels) {
	}

	/**
	 * @param cold first authorizations (document fetched)
	 * @param cached authorizations of a client whose document is cached
	 * @param coldFetchedOnce cold clients whose document the host served exactly once
	 * @param coldClients cold clients tried
	 */
	public record CimdResult(LoadResult cold, LoadResult cached, int coldFetchedOnce, int coldClients) {
	}

	/**
	 * @param serverArguments the server's extra arguments (an experiment), usually none
	 * @param flows complete flows per concurrency level (empty when not measured)
	 * @param refresh refresh token grants, or {@code null} when not measured
	 * @param clientCredentials client credentials grants, or {@code null} when not measured
	 * @param cimd first against cached authorizations, or {@code null} when not measured
	 * @param cachedClientFetches how often the cached client's document was fetched over the whole run (1 proves
	 * the flows were served from the cache)
	 */
	public record Result(List<String> serverArguments, List<LevelResult> flows, RefreshResult refresh,
			ClientCredentialsResult clientCredentials, CimdResult cimd, int cachedClientFetches) {
	}

}
