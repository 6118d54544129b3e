package dev.mcpauth.authserver.flow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients from configuration compose with CIMD clients (MCP "Preregistration", checklist CL-15 from the server
 * side): a confidential client authenticates with its secret and still gets resource-bound tokens.
 */
class PreRegisteredClientTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50003/callback";

	@Test
	void confidentialClientRedeemsCodeWithClientSecretBasic() throws Exception {
		Pkce pkce = Pkce.generate();
		HttpResponse<String> authorization = this.client
			.authorize(OAuthClient.authorizationRequest("preregistered", CALLBACK, pkce));
		String code = OAuthClient.redirectParameters(authorization).get("code");
		Map<String, String> form = OAuthClient.codeRedemption("preregistered", code, CALLBACK, pkce);
		form.remove("client_id");

		HttpResponse<String> token = postWithBasic("/oauth2/token", form, "preregistered", "s3cret");

		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(OAuthClient.json(token).has("refresh_token")).isTrue();
	}

	@Test
	void codeReplayRevokesTheTokensIssuedFromThatCode() throws Exception {
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest("preregistered", CALLBACK, pkce)))
			.get("code");
		Map<String, String> form = OAuthClient.codeRedemption("preregistered", code, CALLBACK, pkce);
		form.remove("client_id");
		String accessToken = OAuthClient.json(postWithBasic("/oauth2/token", form, "preregistered", "s3cret"))
			.get("access_token")
			.stringValue();
		assertThat(introspect(accessToken).get("active").booleanValue()).isTrue();

		HttpResponse<String> replay = postWithBasic("/oauth2/token", form, "preregistered", "s3cret");

		assertThat(replay.statusCode()).isEqualTo(400);
		// AS-07 / OAuth 2.1 §4.1.3: tokens issued from a replayed code are revoked
		assertThat(introspect(accessToken).get("active").booleanValue()).isFalse();
	}

	@Test
	void confidentialClientWithWrongSecretIsRejected() throws Exception {
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest("preregistered", CALLBACK, pkce)))
			.get("code");
		Map<String, String> form = OAuthClient.codeRedemption("preregistered", code, CALLBACK, pkce);
		form.remove("client_id");

		HttpResponse<String> token = postWithBasic("/oauth2/token", form, "preregistered", "wrong");

		assertThat(token.statusCode()).isEqualTo(401);
		assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_client");
	}

	@Test
	void unknownNonUrlClientGetsErrorPage() {
		HttpResponse<String> response = this.client
			.authorize(OAuthClient.authorizationRequest("nobody", CALLBACK, Pkce.generate()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("client_id");
	}

	private tools.jackson.databind.JsonNode introspect(String token) throws Exception {
		HttpResponse<String> response = postWithBasic("/oauth2/introspect", Map.of("token", token), "preregistered",
				"s3cret");
		assertThat(response.statusCode()).isEqualTo(200);
		return OAuthClient.json(response);
	}

	private HttpResponse<String> postWithBasic(String path, Map<String, String> form, String user, String secret)
			throws Exception {
		StringBuilder body = new StringBuilder();
		form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
			.append(k)
			.append('=')
			.append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.client.baseUrl() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
