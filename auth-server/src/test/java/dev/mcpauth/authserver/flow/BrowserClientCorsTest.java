package dev.mcpauth.authserver.flow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.mcpauth.authserver.support.DemoServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser-based MCP clients (MCP Inspector) call metadata, token and registration with {@code fetch}; they need
 * CORS, without credentials. The authorization endpoint is a navigation and stays without CORS headers.
 */
class BrowserClientCorsTest extends DemoServerTest {

	private static final String ORIGIN = "http://localhost:6274";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void answersPreflightForTokenEndpoint() throws Exception {
		HttpResponse<String> preflight = preflight("/oauth2/token");

		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValueSatisfying(
				(origin) -> assertThat(origin).isIn("*", ORIGIN));
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void answersPreflightForRegistrationEndpoint() throws Exception {
		assertThat(preflight("/oauth2/register").headers().firstValue("Access-Control-Allow-Origin")).isPresent();
	}

	@Test
	void exposesMetadataToBrowserClients() throws Exception {
		HttpResponse<String> metadata = get("/.well-known/oauth-authorization-server");

		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
	}

	@Test
	void authorizationEndpointGetsNoCorsHeaders() throws Exception {
		HttpResponse<String> authorize = get("/oauth2/authorize?response_type=code&client_id=nobody");

		assertThat(authorize.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private HttpResponse<String> preflight(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.client.baseUrl() + path))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", ORIGIN)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.client.baseUrl() + path))
			.header("Origin", ORIGIN)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
