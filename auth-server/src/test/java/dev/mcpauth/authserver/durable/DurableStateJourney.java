package dev.mcpauth.authserver.durable;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mcpauth.oauth2.server.authorization.keys.SigningKeyRotation;
import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.FormBrowser;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static dev.mcpauth.authserver.support.FormBrowser.CSRF;
import static dev.mcpauth.authserver.support.FormBrowser.STATE;
import static dev.mcpauth.authserver.support.FormBrowser.find;
import static dev.mcpauth.authserver.support.FormBrowser.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Durable state (issue 13): the whole auth-server application, started and stopped like a deployment, on one
 * database per test. Subclasses name the database: embedded H2 and a real PostgreSQL 15. Restarts are two
 * {@code SpringApplication} runs on the same database and port; the issuer is fixed. Checklist AS-09 (refresh
 * rotation and reuse), AS-30 (audience), RFC 9700 §4.14.2.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class DurableStateJourney {

	private static final String CALLBACK = "http://127.0.0.1:50013/callback";

	static final CimdHost cimd = CimdHost.start();

	private final List<AuthServerRun> runs = new ArrayList<>();

	protected TestDatabase database;

	private int port;

	private boolean started;

	protected abstract TestDatabase newDatabase();

	@BeforeEach
	void freshDatabase() {
		this.database = newDatabase();
		this.port = AuthServerRun.freePort();
		this.started = false;
	}

	@AfterEach
	void stopRuns() {
		this.runs.forEach(AuthServerRun::close);
	}

	/** Starts the application (demo profile: fixed user, automatic consent) on this test's database and port. */
	AuthServerRun start(Map<String, Object> extra, String... profiles) {
		String[] active = (profiles.length == 0) ? new String[] { "demo" } : profiles;
		for (int attempt = 1;; attempt++) {
			try {
				AuthServerRun run = AuthServerRun.start(this.port, this.database, extra, active);
				this.started = true;
				this.runs.add(run);
				return run;
			}
			catch (RuntimeException ex) {
				// the free port found before the first run can be taken by another process before it binds: the
				// first run moves to another port (later runs, the restarts, keep theirs)
				if (this.started || attempt == 3 || !String.valueOf(ex.getMessage()).contains("webServerStartStop")) {
					throw ex;
				}
				this.port = AuthServerRun.freePort();
			}
		}
	}

	AuthServerRun start() {
		return start(Map.of());
	}

	/** Stops the run: the next {@link #start} is a restart. */
	void stop(AuthServerRun run) {
		run.close();
		this.runs.remove(run);
	}

	@Test
	void migrationsRunFromAnEmptyDatabaseOnceAndCreateEveryTable() throws Exception {
		stop(start());
		AuthServerRun again = start();

		try (Connection connection = this.database.connect()) {
			List<String> versions = new ArrayList<>();
			try (ResultSet rs = connection.createStatement()
				.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\" "
						+ "WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
				while (rs.next()) {
					assertThat(rs.getBoolean(2)).as("migration %s succeeded", rs.getString(1)).isTrue();
					versions.add(rs.getString(1));
				}
			}
			// the second start found every migration applied and ran none again
			assertThat(versions).containsExactly("1", "2", "3", "4");
			for (String table : List.of("oauth2_registered_client", "oauth2_authorization",
					"oauth2_authorization_consent", "signing_key", "signing_key_lock", "oauth2_rotated_refresh_token",
					"spring_session", "spring_session_attributes")) {
				assertThat(tableExists(connection, table)).as("table %s", table).isTrue();
			}
		}
		assertThat(again.client().get("/.well-known/oauth-authorization-server", "application/json").statusCode())
			.isEqualTo(200);
	}

	@Test
	void fullJourneyIssuesTokensTheResourceServerAccepts() {
		AuthServerRun run = start();
		String clientId = publishRefreshingClient("journey");
		JwtDecoder resourceServer = decoder(run, new AtomicInteger());

		JsonNode tokens = tokens(run.client().obtainToken(clientId, CALLBACK, "mcp:connect"));
		Jwt accessToken = resourceServer.decode(tokens.get("access_token").stringValue());
		assertThat(accessToken.getAudience()).containsExactly(OAuthClient.RESOURCE);
		assertThat(accessToken.getClaimAsString("client_id")).isEqualTo(clientId);

		JsonNode refreshed = tokens(run.client().token(refresh(clientId, tokens.get("refresh_token").stringValue())));
		assertThat(resourceServer.decode(refreshed.get("access_token").stringValue()).getSubject())
			.isEqualTo(accessToken.getSubject());
		assertThat(refreshed.get("refresh_token").stringValue()).isNotEqualTo(tokens.get("refresh_token").stringValue());
	}

	@Test
	void codeIssuedBeforeARestartRedeemsAfterIt() {
		AuthServerRun before = start();
		String clientId = publishRefreshingClient("restart-code");
		Pkce pkce = Pkce.generate();
		HttpResponse<String> authorization = before.client()
			.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce));
		String code = OAuthClient.redirectParameters(authorization).get("code");
		assertThat(code).isNotNull();
		stop(before);

		AuthServerRun after = start();
		JsonNode tokens = tokens(after.client().token(OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce)));

		assertThat(decoder(after, new AtomicInteger()).decode(tokens.get("access_token").stringValue()).getAudience())
			.containsExactly(OAuthClient.RESOURCE);
	}

	@Test
	void tokensIssuedBeforeARestartStillWorkAfterIt() throws Exception {
		AuthServerRun before = start();
		String clientId = publishRefreshingClient("restart-tokens");
		JsonNode tokens = tokens(before.client().obtainToken(clientId, CALLBACK, "mcp:connect"));
		String accessToken = tokens.get("access_token").stringValue();
		String kid = SignedJWT.parse(accessToken).getHeader().getKeyID();
		stop(before);

		AuthServerRun after = start();
		// the access token's signature verifies with the JWKS the restarted server publishes
		JWKSet published = JWKSet.load(URI.create(after.jwksUri()).toURL());
		assertThat(published.getKeyByKeyId(kid)).as("signing key %s published after the restart", kid).isNotNull();
		JwtDecoder resourceServer = decoder(after, new AtomicInteger());
		assertThat(resourceServer.decode(accessToken).getSubject()).isEqualTo("demo");

		JsonNode refreshed = tokens(after.client().token(refresh(clientId, tokens.get("refresh_token").stringValue())));
		String newAccessToken = refreshed.get("access_token").stringValue();
		assertThat(resourceServer.decode(newAccessToken).getAudience()).containsExactly(OAuthClient.RESOURCE);
		// the same key signs on: it was loaded from the database, not generated anew
		assertThat(SignedJWT.parse(newAccessToken).getHeader().getKeyID()).isEqualTo(kid);
	}

	@Test
	void scheduledKeyRotationNeverFailsAValidation() throws Exception {
		// scaled down: rotate every 4 s, publish 3 s ahead, instances reload every 0.5 s; the resource-server-style
		// decoder caches the JWKS for 1 s and fetches at most once a second (publish-ahead >= cache + rate limit)
		AuthServerRun run = start(Map.of("mcp.authorization-server.keys.rotation-interval", "4s", "mcp.authorization-server.keys.publish-ahead",
				"3s", "mcp.authorization-server.keys.refresh-interval", "500ms"));
		String clientId = publishRefreshingClient("rotation");
		AtomicInteger fetches = new AtomicInteger();
		JwtDecoder resourceServer = ResourceServerStyleDecoder.create(run.jwksUri(), AuthServerRun.ISSUER,
				Duration.ofSeconds(1), Duration.ofSeconds(1), fetches);
		JsonNode tokens = tokens(run.client().obtainToken(clientId, CALLBACK, "mcp:connect"));
		String firstAccessToken = tokens.get("access_token").stringValue();
		String refreshToken = tokens.get("refresh_token").stringValue();

		Set<String> signingKids = new LinkedHashSet<>();
		int validations = 0;
		List<String> failures = new ArrayList<>();
		Instant deadline = Instant.now().plusSeconds(45);
		for (int i = 0; i < 3000 && signingKids.size() < 4 && Instant.now().isBefore(deadline); i++) {
			JsonNode refreshed = tokens(run.client().token(refresh(clientId, refreshToken)));
			refreshToken = refreshed.get("refresh_token").stringValue();
			String accessToken = refreshed.get("access_token").stringValue();
			signingKids.add(SignedJWT.parse(accessToken).getHeader().getKeyID());
			for (String token : List.of(accessToken, firstAccessToken)) {
				try {
					resourceServer.decode(token);
				}
				catch (RuntimeException ex) {
					failures.add(ex.getMessage());
				}
				validations++;
			}
			Thread.sleep(20);
		}

		assertThat(signingKids).as("keys that signed during the loop (three rotations)").hasSize(4);
		assertThat(failures).as("failed validations out of %d", validations).isEmpty();
		assertThat(validations).isGreaterThan(20);
	}

	@Test
	void rotationOnDemandPublishesBothKeysAndTheOldTokenStillValidates() throws Exception {
		// publish-ahead 3 s: the second rotateNow() below must come within it even on a loaded machine (with 1 s it
		// once did not, at load average 18)
		AuthServerRun run = start(Map.of("mcp.authorization-server.keys.publish-ahead", "3s", "mcp.authorization-server.keys.refresh-interval",
				"200ms"));
		String clientId = publishRefreshingClient("on-demand");
		JsonNode tokens = tokens(run.client().obtainToken(clientId, CALLBACK, "mcp:connect"));
		String before = tokens.get("access_token").stringValue();
		String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
		Thread.sleep(3_100);

		assertThat(run.bean(SigningKeyRotation.class).rotateNow()).isTrue();
		// at once again: the new next key has not been published long enough, so nothing changes
		assertThat(run.bean(SigningKeyRotation.class).rotateNow()).isFalse();

		String after = tokens(run.client().token(refresh(clientId, tokens.get("refresh_token").stringValue())))
			.get("access_token")
			.stringValue();
		String newKid = SignedJWT.parse(after).getHeader().getKeyID();
		assertThat(newKid).isNotEqualTo(oldKid);
		JWKSet published = JWKSet.load(URI.create(run.jwksUri()).toURL());
		assertThat(published.getKeys()).hasSize(3); // retired, active, next
		assertThat(published.getKeys()).allMatch((key) -> !key.isPrivate());
		JwtDecoder resourceServer = decoder(run, new AtomicInteger());
		assertThat(resourceServer.decode(before).getSubject()).isEqualTo("demo");
		assertThat(resourceServer.decode(after).getSubject()).isEqualTo("demo");
	}

	@Test
	void reusedRefreshTokenRevokesTheWholeGrant(CapturedOutput output) {
		AuthServerRun run = start();
		String clientId = publishRefreshingClient("reuse");
		String first = tokens(run.client().obtainToken(clientId, CALLBACK, "mcp:connect")).get("refresh_token")
			.stringValue();
		String second = tokens(run.client().token(refresh(clientId, first))).get("refresh_token").stringValue();

		HttpResponse<String> replay = run.client().token(refresh(clientId, first));
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(replay).get("error").stringValue()).isEqualTo("invalid_grant");

		// the legitimate client's newest refresh token went with the grant
		HttpResponse<String> legitimate = run.client().token(refresh(clientId, second));
		assertThat(legitimate.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(legitimate).get("error").stringValue()).isEqualTo("invalid_grant");
		assertThat(output.getAll()).contains("Security event refresh_token_reuse")
			.contains("client_id=" + clientId)
			.doesNotContain(first)
			.doesNotContain(second);
	}

	@Test
	void replayedCodeRevokesTheGrantsTokens(CapturedOutput output) {
		AuthServerRun run = start();
		String clientId = publishRefreshingClient("code-replay");
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(run.client().authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");
		JsonNode tokens = tokens(run.client().token(OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce)));

		HttpResponse<String> replay = run.client().token(OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce));
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(replay).get("error").stringValue()).isEqualTo("invalid_grant");

		HttpResponse<String> refreshed = run.client().token(refresh(clientId, tokens.get("refresh_token").stringValue()));
		assertThat(refreshed.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(refreshed).get("error").stringValue()).isEqualTo("invalid_grant");
		assertThat(output.getAll()).contains("Security event authorization_code_replay").doesNotContain(code);
		// documented choice (docs/durable-state.md): the self-contained access token from the first redemption stays
		// valid until its exp, at most the access-token lifetime (5 minutes by default)
		assertThat(decoder(run, new AtomicInteger()).decode(tokens.get("access_token").stringValue()).getExpiresAt())
			.isBefore(Instant.now().plus(Duration.ofMinutes(8)));
	}

	@Test
	void loginSessionAndConsentSurviveARestart() throws Exception {
		Map<String, Object> browserApp = Map.of("spring.security.user.name", "alice", "spring.security.user.password",
				"wonderland", "mcp.authorization-server.clients[0].client-id", "browser-app",
				"mcp.authorization-server.clients[0].redirect-uris", "http://127.0.0.1/callback");
		AuthServerRun before = start(browserApp, "default");
		FormBrowser browser = new FormBrowser(this.port);
		Pkce pkce = Pkce.generate();
		String authorizeUrl = browser.url("/oauth2/authorize?"
				+ form(OAuthClient.authorizationRequest("browser-app", CALLBACK, pkce)));
		assertThat(browser.get(authorizeUrl).statusCode()).isEqualTo(302);
		String loginPage = browser.get("/login").body();
		assertThat(browser.post("/login",
				Map.of("username", "alice", "password", "wonderland", "_csrf", find(CSRF, loginPage))).statusCode())
			.isEqualTo(302);
		HttpResponse<String> toConsent = browser.get(authorizeUrl);
		assertThat(toConsent.statusCode()).isEqualTo(302);
		String consentUrl = toConsent.headers().firstValue("Location").orElseThrow();
		assertThat(consentUrl).contains("/oauth2/consent");
		HttpResponse<String> consentPage = browser.get(consentUrl);
		assertThat(consentPage.statusCode()).isEqualTo(200);
		HttpResponse<String> approved = browser.post("/oauth2/authorize",
				Map.of("client_id", "browser-app", "state", find(STATE, consentPage.body()), "scope", "mcp:connect"));
		assertThat(OAuthClient.redirectParameters(approved)).containsKey("code");
		stop(before);

		start(browserApp, "default");
		// same browser session cookie: still logged in, and the consent is remembered, so the code comes at once
		Pkce again = Pkce.generate();
		Map<String, String> request = OAuthClient.authorizationRequest("browser-app", CALLBACK, again);
		request.put("scope", "mcp:connect");
		HttpResponse<String> authorized = browser.get("/oauth2/authorize?" + form(request));
		assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
		Map<String, String> callback = OAuthClient.redirectParameters(authorized);
		assertThat(callback).containsKey("code");
		assertThat(tokens(new OAuthClient(this.port)
			.token(OAuthClient.codeRedemption("browser-app", callback.get("code"), CALLBACK, again)))
			.has("access_token")).isTrue();
	}

	@Test
	void dynamicallyRegisteredClientSurvivesARestart() {
		AuthServerRun before = start();
		HttpResponse<String> registration = before.client().postJson("/oauth2/register", """
				{"client_name":"Durable","redirect_uris":["http://127.0.0.1/callback"],
				 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
				 "token_endpoint_auth_method":"none","scope":"mcp:connect"}""");
		assertThat(registration.statusCode()).as(registration.body()).isEqualTo(201);
		String clientId = OAuthClient.json(registration).get("client_id").stringValue();
		stop(before);

		AuthServerRun after = start();
		assertThat(tokens(after.client().obtainToken(clientId, CALLBACK, "mcp:connect")).has("refresh_token")).isTrue();
	}

	@Test
	void anotherEncryptionKeyFailsStartupClearly() {
		stop(start());

		assertThatThrownBy(() -> start(Map.of("mcp.authorization-server.keys.encryption-key",
				"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")))
			.rootCause()
			.hasMessageContaining("does not decrypt with mcp.authorization-server.keys.encryption-key");
	}

	static boolean tableExists(Connection connection, String table) throws Exception {
		for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
			try (ResultSet rs = connection.getMetaData().getTables(null, null, name, null)) {
				if (rs.next()) {
					return true;
				}
			}
		}
		return false;
	}

	static JwtDecoder decoder(AuthServerRun run, AtomicInteger fetches) {
		return ResourceServerStyleDecoder.create(run.jwksUri(), AuthServerRun.ISSUER, Duration.ofMinutes(5),
				Duration.ofSeconds(30), fetches);
	}

	static JsonNode tokens(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return OAuthClient.json(response);
	}

	static String publishRefreshingClient(String name) {
		String path = "/" + name + "-" + System.nanoTime() + "/client.json";
		String clientId = cimd.url(path);
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"Durable","redirect_uris":["http://127.0.0.1/callback"],
				 "grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none"}"""
			.formatted(clientId));
		return clientId;
	}

	static Map<String, String> refresh(String clientId, String refreshToken) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		form.put("client_id", clientId);
		form.put("resource", OAuthClient.RESOURCE);
		return form;
	}

}
