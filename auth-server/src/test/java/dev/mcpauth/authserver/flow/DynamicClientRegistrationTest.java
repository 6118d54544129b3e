package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 7591 open registration for public clients (checklist AS-15, AS-27), for clients that cannot publish a
 * metadata document the server can reach (MCP Inspector, host-side clients of the container demo).
 */
class DynamicClientRegistrationTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50006/callback";

	@Test
	void advertisesRegistrationEndpoint() {
		JsonNode metadata = OAuthClient
			.json(this.client.get("/.well-known/oauth-authorization-server", "application/json"));

		assertThat(metadata.get("registration_endpoint").stringValue()).isEqualTo(ISSUER + "/oauth2/register");
	}

	@Test
	void registersPublicClientThatThenCompletesTheFlow() {
		HttpResponse<String> response = register("""
				{"client_name":"MCP Inspector","redirect_uris":["http://127.0.0.1/callback"],
				 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
				 "token_endpoint_auth_method":"none","scope":"mcp:connect"}""");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode registration = OAuthClient.json(response);
		String clientId = registration.get("client_id").stringValue();
		assertThat(clientId).startsWith("mcp-").doesNotStartWith("https://");
		assertThat(registration.get("token_endpoint_auth_method").stringValue()).isEqualTo("none");
		assertThat(registration.has("client_secret")).isFalse();

		HttpResponse<String> token = this.client.obtainToken(clientId, CALLBACK, "mcp:connect weather:read");
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(OAuthClient.json(token).has("refresh_token")).isTrue();
	}

	@Test
	void treatsOmittedAuthMethodAsPublicClient() {
		HttpResponse<String> response = register("{\"redirect_uris\":[\"http://localhost/callback\"]}");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(OAuthClient.json(response).get("token_endpoint_auth_method").stringValue()).isEqualTo("none");
	}

	@Test
	void refusesConfidentialClients() {
		assertRegistrationError("""
				{"redirect_uris":["http://127.0.0.1/callback"],"token_endpoint_auth_method":"client_secret_basic"}""",
				"invalid_client_metadata");
	}

	@Test
	void refusesMissingRedirectUris() {
		assertRegistrationError("{\"client_name\":\"x\"}", "invalid_redirect_uri");
	}

	@Test
	void refusesNonLoopbackHttpRedirect() {
		assertRegistrationError("{\"redirect_uris\":[\"http://evil.test/callback\"]}", "invalid_redirect_uri");
	}

	@Test
	void refusesRedirectUrisThatDoNotFitTheClientTable() {
		String many = java.util.stream.IntStream.range(0, 60)
			.mapToObj((i) -> "\"https://app.test/" + "p".repeat(90) + i + "\"")
			.collect(java.util.stream.Collectors.joining(","));

		assertRegistrationError("{\"redirect_uris\":[" + many + "]}", "invalid_redirect_uri");
	}

	@Test
	void refusesUnknownScope() {
		assertRegistrationError("{\"redirect_uris\":[\"http://127.0.0.1/callback\"],\"scope\":\"admin:all\"}",
				"invalid_client_metadata");
	}

	@Test
	void refusesOtherGrantTypes() {
		assertRegistrationError(
				"{\"redirect_uris\":[\"http://127.0.0.1/callback\"],\"grant_types\":[\"client_credentials\"]}",
				"invalid_client_metadata");
	}

	@Test
	void refusesClientCredentialsNextToTheCodeGrant() {
		// DCR registers public clients only; the client credentials grant is for confidential clients (RFC 6749 §4.4)
		assertRegistrationError("{\"redirect_uris\":[\"http://127.0.0.1/callback\"],"
				+ "\"grant_types\":[\"authorization_code\",\"client_credentials\"]}", "invalid_client_metadata");
	}

	private HttpResponse<String> register(String json) {
		return this.client.postJson("/oauth2/register", json);
	}

	private void assertRegistrationError(String json, String error) {
		HttpResponse<String> response = register(json);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(OAuthClient.json(response).get("error").stringValue()).isEqualTo(error);
	}

}
