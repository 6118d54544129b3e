package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token endpoint: JWT access token claims verified against the published JWKS, response headers, scopes, code
 * replay (checklist AS-07, AS-08, AS-30, AS-35).
 */
class AccessTokenTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50002/callback";

	@Test
	void issuesRs256JwtBoundToTheResourceAndVerifiableWithJwks() {
		String clientId = cimd.publish(uniquePath("claims"), "http://127.0.0.1/callback");

		HttpResponse<String> response = this.client.obtainToken(clientId, CALLBACK, "mcp:connect");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = OAuthClient.json(response);
		assertThat(body.get("token_type").stringValue()).isEqualTo("Bearer");
		Jwt jwt = decode(body.get("access_token").stringValue());
		assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsKey("kid");
		assertThat(jwt.getAudience()).containsExactly(OAuthClient.RESOURCE);
		assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
		assertThat(jwt.getSubject()).isEqualTo("demo");
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo(clientId);
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("mcp:connect");
		assertThat(jwt.getId()).isNotBlank();
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(7));
	}

	@Test
	void tokenResponseIsNotCacheable() {
		String clientId = cimd.publish(uniquePath("nostore"), "http://127.0.0.1/callback");

		HttpResponse<String> response = this.client.obtainToken(clientId, CALLBACK, "mcp:connect");

		assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
	}

	@Test
	void grantsDefaultScopeWhenNoneIsRequestedAndSaysSo() {
		String clientId = cimd.publish(uniquePath("defaultscope"), "http://127.0.0.1/callback");

		JsonNode body = OAuthClient.json(this.client.obtainToken(clientId, CALLBACK, null));

		assertThat(body.get("scope").stringValue()).isEqualTo("mcp:connect");
		assertThat(decode(body.get("access_token").stringValue()).getClaimAsString("scope")).isEqualTo("mcp:connect");
	}

	@Test
	void grantsStepUpScopesToCimdClient() {
		String clientId = cimd.publish(uniquePath("stepup"), "http://127.0.0.1/callback");
		this.client.obtainToken(clientId, CALLBACK, "mcp:connect");

		JsonNode body = OAuthClient.json(this.client.obtainToken(clientId, CALLBACK, "mcp:connect weather:read"));

		assertThat(decode(body.get("access_token").stringValue()).getClaimAsString("scope"))
			.isEqualTo("mcp:connect weather:read");
	}

	@Test
	void rejectsUnknownScope() {
		String clientId = cimd.publish(uniquePath("badscope"), "http://127.0.0.1/callback");
		Map<String, String> request = OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate());
		request.put("scope", "mcp:connect admin:all");

		Map<String, String> callback = OAuthClient.redirectParameters(this.client.authorize(request));

		assertThat(callback).doesNotContainKey("code").containsEntry("error", "invalid_scope");
	}

	@Test
	void secondRedemptionOfACodeFailsWithInvalidGrant() {
		String clientId = cimd.publish(uniquePath("replay"), "http://127.0.0.1/callback");
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");
		Map<String, String> redemption = OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce);
		assertThat(this.client.token(redemption).statusCode()).isEqualTo(200);

		HttpResponse<String> replay = this.client.token(redemption);

		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(replay).get("error").stringValue()).isEqualTo("invalid_grant");
	}

	@Test
	void rejectsCodeRedeemedByAnotherClient() {
		String clientId = cimd.publish(uniquePath("owner"), "http://127.0.0.1/callback");
		String otherClientId = cimd.publish(uniquePath("thief"), "http://127.0.0.1/callback");
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");

		HttpResponse<String> token = this.client.token(OAuthClient.codeRedemption(otherClientId, code, CALLBACK, pkce));

		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_grant");
	}

	private Jwt decode(String token) {
		return NimbusJwtDecoder.withJwkSetUri(this.client.baseUrl() + "/oauth2/jwks").build().decode(token);
	}

}
