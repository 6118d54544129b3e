package dev.mcpauth.oauth2.server.resource.dpop;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.mcpauth.oauth2.server.resource.consumer.NotesServerApplication;
import dev.mcpauth.oauth2.server.resource.support.DpopKey;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mcp.resource-server.dpop.mode=required}: only DPoP-bound tokens with a proof; every challenge uses the
 * {@code DPoP} scheme (RFC 9449 section 7.1) and the metadata says bound tokens are required (RFC 9728 section 2).
 */
@SpringBootTest(classes = NotesServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "server.address=127.0.0.1", "spring.ai.mcp.server.name=notes",
				"spring.ai.mcp.server.protocol=STREAMABLE", "spring.ai.mcp.server.streamable-http.mcp-endpoint=/mcp",
				"mcp.resource-server.issuer=" + TestAuthorizationServer.ISSUER,
				"mcp.resource-server.dpop.mode=required" })
class DpopRequiredModeTest {

	private static final int PORT = DpopHttp.freePort();

	private static final String ORIGIN = "http://localhost:" + PORT;

	private static final String RESOURCE = ORIGIN + "/mcp";

	private static final String METADATA_URL = ORIGIN + "/.well-known/oauth-protected-resource/mcp";

	private static final String ALGS = "algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\"";

	private final TestAuthorizationServer authorizationServer = TestAuthorizationServer.get();

	private final DpopHttp http = new DpopHttp();

	private final DpopKey key = new DpopKey();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("mcp.resource-server.resource", () -> RESOURCE);
		registry.add("mcp.resource-server.jwk-set-uri", () -> TestAuthorizationServer.get().jwkSetUri());
	}

	@Test
	void rfc9449s7_1UnboundBearerTokenIsRefusedWithTheDpopChallenge() {
		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization",
				"Bearer " + this.authorizationServer.token(RESOURCE, "mcp:connect"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response)).singleElement()
			.isEqualTo("DPoP " + ALGS + ", error=\"invalid_token\", "
					+ "error_description=\"This resource requires a DPoP-bound access token\", resource_metadata=\""
					+ METADATA_URL + "\", scope=\"mcp:connect\"");
	}

	@Test
	void rfc9449s7_2BoundTokenSentAsBearerIsRefused() {
		String token = boundToken("mcp:connect");

		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization",
				"Bearer " + token, "DPoP", this.key.proof("POST", RESOURCE, token));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response).get(0)).startsWith("DPoP " + ALGS + ", error=\"invalid_token\"");
	}

	@Test
	void rs03NoCredentialsGetTheDpopChallengeOnly() {
		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response)).containsExactly(
				"DPoP " + ALGS + ", resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:connect\"");
	}

	@Test
	void rs13MalformedBearerCredentialsGet400WithTheDpopScheme() {
		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization", "Bearer a b");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(DpopHttp.challenges(response).get(0)).startsWith("DPoP " + ALGS + ", error=\"invalid_request\"");
	}

	@Test
	void rfc9449s7_1BoundTokenWithAValidProofCallsTheTool() {
		String token = boundToken("mcp:connect notes:read");
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(ORIGIN)
			.endpoint("/mcp")
			.httpRequestCustomizer((request, method, uri, body, context) -> request
				.header("Authorization", "DPoP " + token)
				.header("DPoP", this.key.proof(method, uri.toString(), token)))
			.build();
		try (McpSyncClient client = McpClient.sync(transport).build()) {
			client.initialize();
			McpSchema.CallToolResult result = client
				.callTool(new McpSchema.CallToolRequest("read_note", Map.of("title", "groceries")));

			assertThat(result.isError()).isFalse();
		}
	}

	@Test
	void rs01MetadataRequiresDpopBoundTokens() {
		JsonNode metadata = JsonMapper.builder().build().readTree(this.http.get(METADATA_URL).body());

		assertThat(metadata.get("dpop_bound_access_tokens_required").asBoolean()).isTrue();
		assertThat(metadata.get("dpop_signing_alg_values_supported").toString()).contains("\"ES256\"", "\"RS256\"");
	}

	private String boundToken(String scope) {
		return this.authorizationServer.token(RESOURCE,
				(claims) -> claims.claim("scope", scope).claim("cnf", this.key.confirmation()));
	}

}
