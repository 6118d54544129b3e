package dev.mcpauth.oauth2.client.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.dpop.DpopProofs;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import dev.mcpauth.oauth2.client.registration.ClientRegistration;
import dev.mcpauth.oauth2.client.registration.RegistrationMethod;
import dev.mcpauth.oauth2.client.support.LoopbackServer;
import dev.mcpauth.oauth2.client.support.LoopbackServer.Reply;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CL-17, CL-21, CL-24: the token endpoint requests as the server sees them. */
class TokenEndpointClientTest {

	private static final String RESOURCE = "http://localhost:8001/mcp";

	private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private LoopbackServer server;

	private TokenEndpointClient client;

	private final StringBuilder trace = new StringBuilder();

	@BeforeEach
	void start() throws Exception {
		this.server = new LoopbackServer();
		this.client = new TokenEndpointClient(new OAuthHttpClient(JsonMapper.builder().build(), Duration.ofSeconds(5),
				new AuthorizationTraceListener() {
					@Override
					public void verbose(String line) {
						TokenEndpointClientTest.this.trace.append(line).append('\n');
					}
				}), Clock.fixed(this.now, ZoneOffset.UTC));
		this.server.route("/token", r -> Reply.json(200, "{\"access_token\":\"AT-secret\",\"token_type\":\"Bearer\","
				+ "\"expires_in\":300,\"refresh_token\":\"RT-secret\",\"scope\":\"mcp:connect\"}"));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void publicClientSendsClientIdResourceAndVerifierInTheBody() { // auth/token-endpoint-auth-none, CL-21
		TokenSet token = exchange(new ClientRegistration(RegistrationMethod.CIMD, "https://c.test/cm.json", null, "none"));

		LoopbackServer.Request request = this.server.requests().get(0);
		assertThat(request.headers().getFirst("Authorization")).isNull();
		assertThat(request.body()).contains("grant_type=authorization_code", "code=the-code", "code_verifier=the-verifier",
				"client_id=https%3A%2F%2Fc.test%2Fcm.json", "resource=http%3A%2F%2Flocalhost%3A8001%2Fmcp",
				"redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback");
		assertThat(token.grantedScopes()).containsExactly("mcp:connect");
		assertThat(token.expiresAt()).isEqualTo(this.now.plusSeconds(300));
		assertThat(token.toString()).doesNotContain("AT-secret").doesNotContain("RT-secret");
	}

	@Test
	void basicAuthenticationFormEncodesIdAndSecret() { // RFC 6749 section 2.3.1, auth/token-endpoint-auth-basic
		exchange(new ClientRegistration(RegistrationMethod.DCR, "id:1", "s/2", "client_secret_basic"));

		LoopbackServer.Request request = this.server.requests().get(0);
		String decoded = new String(Base64.getDecoder().decode(request.headers().getFirst("Authorization").substring(6)),
				StandardCharsets.UTF_8);
		assertThat(decoded).isEqualTo("id%3A1:s%2F2");
		assertThat(request.body()).doesNotContain("client_secret").doesNotContain("client_id");
	}

	@Test
	void postAuthenticationPutsTheSecretInTheBody() { // auth/token-endpoint-auth-post
		exchange(new ClientRegistration(RegistrationMethod.DCR, "id", "sec", "client_secret_post"));

		LoopbackServer.Request request = this.server.requests().get(0);
		assertThat(request.headers().getFirst("Authorization")).isNull();
		assertThat(request.body()).contains("client_id=id", "client_secret=sec");
	}

	@Test
	void refreshKeepsTheResourceAndAsksForNoWiderScope() { // CL-21, OAuth 2.1 section 4.3.1
		ClientRegistration client = new ClientRegistration(RegistrationMethod.CIMD, "cid", null, "none");
		TokenSet first = exchange(client);

		TokenSet refreshed = this.client.refresh(this.server.origin() + "/token", client, first, RESOURCE);

		String body = this.server.requests().get(1).body();
		assertThat(body).contains("grant_type=refresh_token", "refresh_token=RT-secret", "resource=http%3A%2F%2Flocalhost%3A8001%2Fmcp")
			.doesNotContain("scope=");
		assertThat(refreshed.grantedScopes()).containsExactly("mcp:connect");
	}

	@Test
	void reportsTheOAuthErrorWithoutLeakingTheRequest() {
		this.server.route("/token", r -> Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"code used\"}"));

		assertThatThrownBy(() -> exchange(new ClientRegistration(RegistrationMethod.CIMD, "cid", null, "none")))
			.isInstanceOf(McpAuthorizationException.class)
			.hasMessage("token endpoint refused the authorization_code grant: invalid_grant (code used)");
		assertThat(this.trace.toString()).contains("POST").doesNotContain("the-code").doesNotContain("the-verifier");
	}

	@Test
	void refusesTokenTypesOtherThanBearerAndDpop() {
		this.server.route("/token", r -> Reply.json(200, "{\"access_token\":\"x\",\"token_type\":\"mac\"}"));

		assertThatThrownBy(() -> exchange(new ClientRegistration(RegistrationMethod.CIMD, "cid", null, "none")))
			.hasMessageContaining("Bearer and DPoP tokens only");
	}

	@Test
	void readsTheTokenTypeCaseInsensitively() { // RFC 6749 section 5.1; RFC 9449 section 5
		this.server.route("/token", r -> Reply.json(200, "{\"access_token\":\"x\",\"token_type\":\"bearer\"}"));

		TokenSet token = exchange(new ClientRegistration(RegistrationMethod.CIMD, "cid", null, "none"));

		assertThat(token.tokenType()).isEqualTo("Bearer");
		assertThat(token.isDpop()).isFalse();
	}

	@Test
	void sendsAProofKeepsTheNonceOfAnyAnswerAndReadsDpopCaseInsensitively() {
		DpopProofs dpop = new DpopProofs(JsonMapper.builder().build(), Clock.systemUTC(), AuthorizationTraceListener.NONE);
		this.server.route("/token", r -> new Reply(200, Map.of("Content-Type", "application/json", "DPoP-Nonce", "n-2"),
				"{\"access_token\":\"x\",\"token_type\":\"dpop\"}"));

		TokenSet token = this.client.exchangeCode(this.server.origin() + "/token",
				new ClientRegistration(RegistrationMethod.CIMD, "cid", null, "none"), "the-code", "the-verifier",
				"http://127.0.0.1/callback", RESOURCE, Set.of("mcp:connect"), dpop);

		assertThat(token.isDpop()).isTrue();
		assertThat(this.server.requests()).singleElement()
			.satisfies(r -> assertThat(r.headers().getFirst("DPoP")).isNotBlank());
		assertThat(dpop.nonce(URI.create(this.server.origin() + "/elsewhere"))).contains("n-2");
	}

	@Test
	void refusesADpopTokenItDidNotAskFor() {
		this.server.route("/token", r -> Reply.json(200, "{\"access_token\":\"x\",\"token_type\":\"DPoP\"}"));

		assertThatThrownBy(() -> exchange(new ClientRegistration(RegistrationMethod.CIMD, "cid", null, "none")))
			.hasMessageContaining("token_type DPoP although the request carried no DPoP proof");
	}

	@Test
	void storeKeysTokensByResourceAndIssuer() { // CL-23, CL-24
		TokenStore store = new InMemoryTokenStore();
		TokenSet a = new TokenSet("a", Set.of(), Set.of(), null, "r1");
		TokenSet b = new TokenSet("b", Set.of(), Set.of(), null, "r2");
		store.put(new TokenStore.Key(RESOURCE, "https://as1"), a);
		store.put(new TokenStore.Key(RESOURCE, "https://as1"), b);

		assertThat(store.get(new TokenStore.Key(RESOURCE, "https://as1"))).containsSame(b);
		assertThat(store.get(new TokenStore.Key(RESOURCE, "https://as2"))).isEmpty();
		assertThat(store.get(new TokenStore.Key("http://other/mcp", "https://as1"))).isEmpty();
	}

	private TokenSet exchange(ClientRegistration client) {
		return this.client.exchangeCode(this.server.origin() + "/token", client, "the-code", "the-verifier",
				"http://127.0.0.1/callback", RESOURCE, Set.of("mcp:connect"));
	}

}
