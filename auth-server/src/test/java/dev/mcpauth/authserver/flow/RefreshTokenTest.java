package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh tokens for public CIMD clients: issued only when the document declares the grant, rotated on every use,
 * never widened, never moved to another resource (checklist AS-09, AS-10, AS-32).
 */
class RefreshTokenTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50005/callback";

	@Test
	void rotatesRefreshTokenOfPublicClientAndRejectsReplay() {
		String clientId = publishRefreshingClient("rotate");
		String first = refreshTokenOf(this.client.obtainToken(clientId, CALLBACK, "mcp:connect"));

		HttpResponse<String> refreshed = this.client.token(refresh(clientId, first));

		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		JsonNode body = OAuthClient.json(refreshed);
		String second = body.get("refresh_token").stringValue();
		assertThat(second).isNotEqualTo(first);
		assertThat(NimbusJwtDecoder.withJwkSetUri(this.client.baseUrl() + "/oauth2/jwks")
			.build()
			.decode(body.get("access_token").stringValue())
			.getAudience()).containsExactly(OAuthClient.RESOURCE);

		HttpResponse<String> replay = this.client.token(refresh(clientId, first));
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(replay).get("error").stringValue()).isEqualTo("invalid_grant");
	}

	@Test
	void refreshWithoutResourceKeepsTheBoundResource() {
		String clientId = publishRefreshingClient("noresource");
		String refreshToken = refreshTokenOf(this.client.obtainToken(clientId, CALLBACK, "mcp:connect"));
		Map<String, String> form = refresh(clientId, refreshToken);
		form.remove("resource");

		HttpResponse<String> refreshed = this.client.token(form);

		assertThat(refreshed.statusCode()).isEqualTo(200);
	}

	@Test
	void refusesToWidenScopeOnRefresh() {
		String clientId = publishRefreshingClient("widen");
		String refreshToken = refreshTokenOf(this.client.obtainToken(clientId, CALLBACK, "mcp:connect"));
		Map<String, String> form = refresh(clientId, refreshToken);
		form.put("scope", "mcp:connect weather:read");

		HttpResponse<String> refreshed = this.client.token(form);

		assertThat(refreshed.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(refreshed).get("error").stringValue()).isEqualTo("invalid_scope");
	}

	@Test
	void refusesRefreshForAnotherResource() {
		String clientId = publishRefreshingClient("otherresource");
		String refreshToken = refreshTokenOf(this.client.obtainToken(clientId, CALLBACK, "mcp:connect"));
		Map<String, String> form = refresh(clientId, refreshToken);
		form.put("resource", OTHER_RESOURCE);

		HttpResponse<String> refreshed = this.client.token(form);

		assertThat(refreshed.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(refreshed).get("error").stringValue()).isEqualTo("invalid_target");
	}

	@Test
	void refusesRefreshTokenPresentedByAnotherClient() {
		String owner = publishRefreshingClient("owner");
		String thief = publishRefreshingClient("thief");
		String refreshToken = refreshTokenOf(this.client.obtainToken(owner, CALLBACK, "mcp:connect"));

		HttpResponse<String> refreshed = this.client.token(refresh(thief, refreshToken));

		assertThat(refreshed.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(refreshed).get("error").stringValue()).isEqualTo("invalid_grant");
	}

	@Test
	void issuesNoRefreshTokenWhenDocumentDoesNotDeclareTheGrant() {
		String clientId = cimd.publish(uniquePath("norefresh"), "http://127.0.0.1/callback");

		JsonNode body = OAuthClient.json(this.client.obtainToken(clientId, CALLBACK, "mcp:connect"));

		assertThat(body.has("access_token")).isTrue();
		assertThat(body.has("refresh_token")).isFalse();
	}

	private static String publishRefreshingClient(String name) {
		String path = uniquePath(name);
		String clientId = cimd.url(path);
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"Refreshing","redirect_uris":["http://127.0.0.1/callback"],
				 "grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none"}"""
			.formatted(clientId));
		return clientId;
	}

	private static String refreshTokenOf(HttpResponse<String> tokenResponse) {
		assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
		return OAuthClient.json(tokenResponse).get("refresh_token").stringValue();
	}

	private static Map<String, String> refresh(String clientId, String refreshToken) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		form.put("client_id", clientId);
		form.put("resource", OAuthClient.RESOURCE);
		return form;
	}

}
