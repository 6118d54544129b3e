package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PKCE S256 is required for every authorization code request (checklist AS-03, OAuth 2.1 §4.1.1, §4.1.3).
 */
class PkceTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50000/callback";

	@Test
	void rejectsAuthorizationRequestWithoutCodeChallenge() {
		String clientId = cimd.publish(uniquePath("nochallenge"), "http://127.0.0.1/callback");
		Map<String, String> request = OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate());
		request.remove("code_challenge");
		request.remove("code_challenge_method");

		Map<String, String> callback = OAuthClient.redirectParameters(this.client.authorize(request));

		assertThat(callback).doesNotContainKey("code").containsEntry("error", "invalid_request");
		assertThat(callback.get("error_description")).contains("code_challenge");
		assertThat(callback).containsEntry("state", request.get("state")).containsEntry("iss", ISSUER);
	}

	@Test
	void rejectsPlainCodeChallengeMethod() {
		String clientId = cimd.publish(uniquePath("plain"), "http://127.0.0.1/callback");
		Pkce pkce = Pkce.generate();
		Map<String, String> request = OAuthClient.authorizationRequest(clientId, CALLBACK, pkce);
		request.put("code_challenge", pkce.verifier());
		request.put("code_challenge_method", "plain");

		Map<String, String> callback = OAuthClient.redirectParameters(this.client.authorize(request));

		assertThat(callback).doesNotContainKey("code").containsEntry("error", "invalid_request");
		assertThat(callback.get("error_description")).contains("code_challenge_method");
	}

	@Test
	void rejectsWrongCodeVerifierWithInvalidGrant() {
		String clientId = cimd.publish(uniquePath("wrongverifier"), "http://127.0.0.1/callback");
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");

		HttpResponse<String> token = this.client
			.token(OAuthClient.codeRedemption(clientId, code, CALLBACK, Pkce.generate()));

		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_grant");
	}

	@Test
	void rejectsTokenRequestWithoutCodeVerifier() {
		String clientId = cimd.publish(uniquePath("noverifier"), "http://127.0.0.1/callback");
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");
		Map<String, String> redemption = OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce);
		redemption.remove("code_verifier");

		HttpResponse<String> token = this.client.token(redemption);

		// without code_verifier the public client is not authenticated at all (RFC 7636 §4.5, OAuth 2.1 §4.1.3)
		assertThat(token.statusCode()).isEqualTo(401);
		assertThat(token.headers().firstValue("Location")).isEmpty();
		assertThat(token.body()).doesNotContain("access_token");
	}

}
