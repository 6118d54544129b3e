package dev.mcpauth.oauth2.client.cimd;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** CL-13, CL-16: the hosted Client ID Metadata Document. */
class ClientMetadataDocumentHostTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void servesTheDocumentWhoseClientIdIsItsOwnUrlAndRecordsTheFetch() throws Exception {
		try (ClientMetadataDocumentHost host = new ClientMetadataDocumentHost("127.0.0.1", 0, null, "Test client", this.json)) {
			HttpResponse<String> response = get(host.clientId());

			assertThat(response.statusCode()).isEqualTo(200); // directly, no redirect
			assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
			JsonNode document = this.json.readTree(response.body());
			assertThat(document.get("client_id").asString()).isEqualTo(host.clientId());
			assertThat(host.clientId()).startsWith("http://localhost:").endsWith("/client-metadata.json");
			assertThat(document.get("client_name").asString()).isEqualTo("Test client");
			assertThat(document.get("redirect_uris").get(0).asString()).isEqualTo("http://127.0.0.1/callback");
			assertThat(document.get("token_endpoint_auth_method").asString()).isIn("none", "private_key_jwt");
			assertThat(host.takeFetches()).containsExactly("GET /client-metadata.json");
			assertThat(host.takeFetches()).isEmpty();
		}
	}

	@Test
	void answers404ElsewhereAndUsesAConfiguredPublicBaseUrl() throws Exception {
		try (ClientMetadataDocumentHost host = new ClientMetadataDocumentHost("127.0.0.1", 0, "http://client.internal:3000/",
				"c", this.json)) {
			assertThat(host.clientId()).isEqualTo("http://client.internal:3000/client-metadata.json");
			assertThat(host.takeFetches()).isEmpty();
		}
		try (ClientMetadataDocumentHost host = new ClientMetadataDocumentHost("127.0.0.1", 0, null, "c", this.json)) {
			URI other = URI.create(host.clientId()).resolve("/other");
			assertThat(get(other.toString()).statusCode()).isEqualTo(404);
			assertThat(host.takeFetches()).isEmpty();
		}
	}

	private HttpResponse<String> get(String url) throws Exception {
		// The host binds 127.0.0.1; "localhost" in the client id resolves there.
		URI uri = URI.create(url.replace("localhost", "127.0.0.1"));
		return this.http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}
