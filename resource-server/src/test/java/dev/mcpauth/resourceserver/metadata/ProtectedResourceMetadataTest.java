package dev.mcpauth.resourceserver.metadata;

import java.net.URI;

import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9728 metadata over real HTTP (checklist RS-01, RS-02, RS-03, RS-06, RS-15, section 2.1).
 */
class ProtectedResourceMetadataTest extends ResourceServerTestSupport {

	@Test
	void rs01PathInsertedMetadataDescribesThisResourceWithoutAToken() {
		Response response = this.mcp.send("GET", URI.create(METADATA_URL));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		JsonNode metadata = response.json();
		assertThat(metadata.get("authorization_servers").toString())
			.isEqualTo("[\"" + TestAuthorizationServer.ISSUER + "\"]");
		assertThat(metadata.get("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
		assertThat(metadata.get("resource_name").asString()).isEqualTo("MCP weather demo");
	}

	@Test
	void rs02ResourceIsByteIdenticalToTheUrlClientsPostTo() {
		JsonNode metadata = this.mcp.send("GET", URI.create(METADATA_URL)).json();

		assertThat(metadata.get("resource").asString()).isEqualTo(RESOURCE).doesNotEndWith("/");
	}

	@Test
	void rs15ScopesSupportedIsTheBaseScopeOnly() {
		JsonNode metadata = this.mcp.send("GET", URI.create(METADATA_URL)).json();

		assertThat(metadata.get("scopes_supported").toString()).isEqualTo("[\"mcp:connect\"]");
	}

	@Test
	void advertisesNothingItDoesNotOffer() {
		JsonNode metadata = this.mcp.send("GET", URI.create(METADATA_URL)).json();

		// dpop.mode=optional (the default): the proof algorithms, but no dpop_bound_access_tokens_required (RFC 9728
		// section 3.2: a false value is omitted)
		assertThat(metadata.propertyNames()).containsExactlyInAnyOrder("resource", "authorization_servers",
				"scopes_supported", "bearer_methods_supported", "resource_name", "dpop_signing_alg_values_supported");
	}

	@Test
	void rootLocationAnswersWithTheSameDocument() {
		Response root = this.mcp.send("GET", URI.create(ORIGIN + "/.well-known/oauth-protected-resource"));

		assertThat(root.status()).isEqualTo(200);
		assertThat(root.json()).isEqualTo(this.mcp.send("GET", URI.create(METADATA_URL)).json());
	}

	@Test
	void rs06UnknownWellKnownPathIsJson404EvenForABrowser() {
		Response response = this.mcp.send("GET", URI.create(ORIGIN + "/.well-known/oauth-protected-resource/nope"),
				"Accept", "text/html");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.body()).doesNotContainIgnoringCase("<html");
		assertThat(response.json().get("error").asString()).isEqualTo("not_found");
	}

	@Test
	void metadataIsNotDerivedFromTheHostHeader() {
		// The JDK client refuses to set Host, so the request goes to 127.0.0.1 instead of "localhost".
		Response response = this.mcp.send("GET",
				URI.create(METADATA_URL.replace("localhost", "127.0.0.1")));

		assertThat(response.json().get("resource").asString()).isEqualTo(RESOURCE);
	}

	@Test
	void browsersMayReadTheMetadataCrossOrigin() {
		Response response = this.mcp.send("GET", URI.create(METADATA_URL), "Origin", "https://inspector.example");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
	}

	@Test
	void rs06HeadIsAnsweredLikeGetWithoutABody() { // RFC 9110 section 9.3.2
		Response response = this.mcp.send("HEAD", URI.create(METADATA_URL));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.wwwAuthenticate()).isNull();
		assertThat(response.body()).isEmpty();
	}

	@Test
	void corsPreflightForTheMetadataIsAnsweredWithoutAToken() {
		Response response = this.mcp.send("OPTIONS", URI.create(METADATA_URL), "Origin", "https://inspector.example",
				"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "mcp-protocol-version");

		assertThat(response.status()).isEqualTo(204);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo("mcp-protocol-version");
	}

}
