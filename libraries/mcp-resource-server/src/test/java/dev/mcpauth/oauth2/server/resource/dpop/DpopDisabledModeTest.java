package dev.mcpauth.oauth2.server.resource.dpop;

import java.net.http.HttpResponse;

import dev.mcpauth.oauth2.server.resource.consumer.NotesServerApplication;
import dev.mcpauth.oauth2.server.resource.support.DpopKey;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mcp.resource-server.dpop.mode=disabled}: the DPoP scheme is "no credentials", nothing DPoP is advertised,
 * and a bound token is still not a Bearer token (RFC 9449 section 7.2).
 */
@SpringBootTest(classes = NotesServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "server.address=127.0.0.1", "spring.ai.mcp.server.name=notes",
				"spring.ai.mcp.server.protocol=STREAMABLE", "spring.ai.mcp.server.streamable-http.mcp-endpoint=/mcp",
				"mcp.resource-server.issuer=" + TestAuthorizationServer.ISSUER,
				"mcp.resource-server.dpop.mode=disabled" })
class DpopDisabledModeTest {

	private static final int PORT = DpopHttp.freePort();

	private static final String ORIGIN = "http://localhost:" + PORT;

	private static final String RESOURCE = ORIGIN + "/mcp";

	private static final String METADATA_URL = ORIGIN + "/.well-known/oauth-protected-resource/mcp";

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
	void theDpopSchemeIsTreatedAsNoCredentials() {
		String token = boundToken();

		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization",
				"DPoP " + token, "DPoP", this.key.proof("POST", RESOURCE, token));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response))
			.containsExactly("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:connect\"");
	}

	@Test
	void rfc9449s7_2BoundTokenSentAsBearerIsStillRefused() {
		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization",
				"Bearer " + boundToken());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response).get(0)).startsWith("Bearer error=\"invalid_token\"");
	}

	@Test
	void unboundBearerTokensWork() {
		assertThat(this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization",
				"Bearer " + this.authorizationServer.token(RESOURCE, "mcp:connect")).statusCode()).isEqualTo(200);
	}

	@Test
	void rs01MetadataHasNoDpopParameters() {
		JsonNode metadata = JsonMapper.builder().build().readTree(this.http.get(METADATA_URL).body());

		assertThat(metadata.has("dpop_signing_alg_values_supported")).isFalse();
		assertThat(metadata.has("dpop_bound_access_tokens_required")).isFalse();
	}

	private String boundToken() {
		return this.authorizationServer.token(RESOURCE,
				(claims) -> claims.claim("scope", "mcp:connect").claim("cnf", this.key.confirmation()));
	}

}
