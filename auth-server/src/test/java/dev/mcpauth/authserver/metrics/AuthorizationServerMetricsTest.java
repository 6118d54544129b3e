package dev.mcpauth.authserver.metrics;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric of docs/operations.md moved by a real request over HTTP, with its low-cardinality tags.
 */
class AuthorizationServerMetricsTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50021/callback";

	@Autowired
	private MeterRegistry registry;

	@Test
	void countsTokensByGrantTypeAndClientKind() {
		String cimdClient = refreshingClient("metrics-kind");
		double cimdCodes = count("mcp.auth.tokens.issued", "grant_type", "authorization_code", "client_kind", "cimd");
		double cimdRefreshes = count("mcp.auth.tokens.issued", "grant_type", "refresh_token", "client_kind", "cimd");
		double dcrCodes = count("mcp.auth.tokens.issued", "grant_type", "authorization_code", "client_kind", "dcr");
		double preRegistered = count("mcp.auth.tokens.issued", "grant_type", "authorization_code", "client_kind",
				"pre_registered");

		String refreshToken = OAuthClient.json(this.client.obtainToken(cimdClient, CALLBACK, "mcp:connect"))
			.get("refresh_token")
			.stringValue();
		assertThat(this.client.token(refresh(cimdClient, refreshToken)).statusCode()).isEqualTo(200);
		String dcrClient = OAuthClient.json(this.client.postJson("/oauth2/register",
				"{\"redirect_uris\":[\"http://127.0.0.1/callback\"]}")).get("client_id").stringValue();
		assertThat(this.client.obtainToken(dcrClient, CALLBACK, "mcp:connect").statusCode()).isEqualTo(200);
		assertThat(preRegisteredToken().statusCode()).isEqualTo(200);

		assertThat(count("mcp.auth.tokens.issued", "grant_type", "authorization_code", "client_kind", "cimd"))
			.isEqualTo(cimdCodes + 1);
		assertThat(count("mcp.auth.tokens.issued", "grant_type", "refresh_token", "client_kind", "cimd"))
			.isEqualTo(cimdRefreshes + 1);
		assertThat(count("mcp.auth.tokens.issued", "grant_type", "authorization_code", "client_kind", "dcr"))
			.isEqualTo(dcrCodes + 1);
		assertThat(count("mcp.auth.tokens.issued", "grant_type", "authorization_code", "client_kind",
				"pre_registered")).isEqualTo(preRegistered + 1);
	}

	@Test
	void springSecurityObservationsAreOffAndRequestsAreStillTimed() {
		assertThat(preRegisteredToken().statusCode()).isEqualTo(200);

		// the library's SecurityObservationSettings.noObservations(): no filter-chain or authentication timers
		assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getName())
			.noneMatch((name) -> name.startsWith("spring.security."))
			.contains("http.server.requests");
	}

	@Test
	void countsRegistrations() {
		double before = count("mcp.auth.clients.registered");

		this.client.postJson("/oauth2/register", "{\"redirect_uris\":[\"http://127.0.0.1/callback\"]}");

		assertThat(count("mcp.auth.clients.registered")).isEqualTo(before + 1);
	}

	@Test
	void countsAuthorizationOutcomes() {
		String clientId = cimd.publish(uniquePath("metrics-outcome"), "http://127.0.0.1/callback");
		double approved = count("mcp.auth.authorizations", "outcome", "approved", "error", "none");
		double invalidScope = count("mcp.auth.authorizations", "outcome", "error", "error", "invalid_scope");

		this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));
		Map<String, String> badScope = OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate());
		badScope.put("scope", "admin:everything");
		assertThat(OAuthClient.redirectParameters(this.client.authorize(badScope)).get("error"))
			.isEqualTo("invalid_scope");

		assertThat(count("mcp.auth.authorizations", "outcome", "approved", "error", "none")).isEqualTo(approved + 1);
		assertThat(count("mcp.auth.authorizations", "outcome", "error", "error", "invalid_scope"))
			.isEqualTo(invalidScope + 1);
	}

	@Test
	void countsAuthorizationErrorsShownOnTheErrorPage() {
		double unknownClient = count("mcp.auth.authorizations", "outcome", "error", "error", "invalid_request");
		Map<String, String> request = OAuthClient.authorizationRequest("no-such-client", CALLBACK, Pkce.generate());

		HttpResponse<String> page = this.client.authorize(request);

		assertThat(page.statusCode()).isEqualTo(400); // never redirected to an unverified redirect URI
		assertThat(count("mcp.auth.authorizations", "outcome", "error", "error", "invalid_request"))
			.isEqualTo(unknownClient + 1);
	}

	@Test
	void countsTokenErrors() {
		double before = count("mcp.auth.token.errors", "grant_type", "refresh_token", "error", "invalid_grant");
		String clientId = refreshingClient("metrics-tokenerror");
		this.client.obtainToken(clientId, CALLBACK, "mcp:connect");

		this.client.token(refresh(clientId, "not-a-refresh-token"));

		assertThat(count("mcp.auth.token.errors", "grant_type", "refresh_token", "error", "invalid_grant"))
			.isEqualTo(before + 1);
	}

	@Test
	void countsRefreshTokenReuseButNotAnUnknownToken() {
		String clientId = refreshingClient("metrics-reuse");
		String first = OAuthClient.json(this.client.obtainToken(clientId, CALLBACK, "mcp:connect"))
			.get("refresh_token")
			.stringValue();
		assertThat(this.client.token(refresh(clientId, first)).statusCode()).isEqualTo(200);
		double before = count("mcp.auth.refresh_token.reuse", "client_kind", "cimd");

		this.client.token(refresh(clientId, "never-issued"));
		assertThat(count("mcp.auth.refresh_token.reuse", "client_kind", "cimd")).isEqualTo(before);
		HttpResponse<String> replay = this.client.token(refresh(clientId, first));

		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(count("mcp.auth.refresh_token.reuse", "client_kind", "cimd")).isEqualTo(before + 1);
	}

	@Test
	void countsAuthorizationCodeReplay() {
		String clientId = cimd.publish(uniquePath("metrics-replay"), "http://127.0.0.1/callback");
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");
		Map<String, String> redemption = OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce);
		assertThat(this.client.token(redemption).statusCode()).isEqualTo(200);
		double before = count("mcp.auth.authorization_code.replay", "client_kind", "cimd");

		assertThat(this.client.token(redemption).statusCode()).isEqualTo(400);

		assertThat(count("mcp.auth.authorization_code.replay", "client_kind", "cimd")).isEqualTo(before + 1);
	}

	@Test
	void measuresCimdFetchesAndCacheUse() {
		String clientId = cimd.publish(uniquePath("metrics-cache"), "http://127.0.0.1/callback");
		double misses = count("mcp.cimd.resolutions", "cache", "miss");
		double hits = count("mcp.cimd.resolutions", "cache", "hit");
		long fetches = timerCount("mcp.cimd.fetch", "outcome", "success");

		this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));
		this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));

		assertThat(count("mcp.cimd.resolutions", "cache", "miss")).isEqualTo(misses + 1);
		assertThat(count("mcp.cimd.resolutions", "cache", "hit")).isGreaterThan(hits);
		assertThat(timerCount("mcp.cimd.fetch", "outcome", "success")).isEqualTo(fetches + 1);
		assertThat(this.registry.find("mcp.cimd.fetch").tag("outcome", "success").timer().totalTime(
				java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
	}

	@Test
	void countsNegativeCacheAnswersForAnUnreachableHost() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String clientId = "http://127.0.0.1:" + closedPort + uniquePath("metrics-negative");
		double negative = count("mcp.cimd.resolutions", "cache", "negative");
		long noResponse = timerCount("mcp.cimd.fetch", "outcome", "no_response");

		this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));
		this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));

		assertThat(timerCount("mcp.cimd.fetch", "outcome", "no_response")).isEqualTo(noResponse + 1);
		assertThat(count("mcp.cimd.resolutions", "cache", "negative")).isEqualTo(negative + 1);
	}

	@Test
	void countsAStaleCopyServedWhenTheHostFailsTransiently() {
		String path = uniquePath("metrics-stale");
		String clientId = cimd.url(path);
		// no-store: the resolver keeps no copy, so the second authorization goes to the host again
		cimd.serve(path, 200, "application/json", CimdHost.document(clientId, "http://127.0.0.1/callback"),
				Map.of("Cache-Control", "no-store"));
		assertThat(OAuthClient.redirectParameters(
				this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()))))
			.containsKey("code");
		double stale = count("mcp.cimd.resolutions", "cache", "stale");
		long httpErrors = timerCount("mcp.cimd.fetch", "outcome", "http_error");

		cimd.serve(path, 503, "text/plain", "down", Map.of());
		HttpResponse<String> bridged = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));

		assertThat(OAuthClient.redirectParameters(bridged)).containsKey("code");
		// one stale answer per failed fetch (an uncacheable document is looked up more than once per request)
		long failedFetches = timerCount("mcp.cimd.fetch", "outcome", "http_error") - httpErrors;
		assertThat(failedFetches).isPositive();
		assertThat(count("mcp.cimd.resolutions", "cache", "stale")).isEqualTo(stale + failedFetches);
	}

	private HttpResponse<String> preRegisteredToken() {
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(
					this.client.authorize(OAuthClient.authorizationRequest("preregistered", CALLBACK, pkce)))
			.get("code");
		Map<String, String> form = OAuthClient.codeRedemption("preregistered", code, CALLBACK, pkce);
		form.put("client_secret", "s3cret");
		return this.client.token(form);
	}

	private static String refreshingClient(String name) {
		String path = uniquePath(name);
		String clientId = cimd.url(path);
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"Refreshing","redirect_uris":["http://127.0.0.1/callback"],
				 "grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none"}"""
			.formatted(clientId));
		return clientId;
	}

	static Map<String, String> refresh(String clientId, String refreshToken) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		form.put("client_id", clientId);
		return form;
	}

	private double count(String name, String... tags) {
		Counter counter = this.registry.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long timerCount(String name, String... tags) {
		Timer timer = this.registry.find(name).tags(tags).timer();
		return (timer != null) ? timer.count() : 0;
	}

}
