package dev.mcpauth.oauth2.server.resource.dpop;

import java.net.http.HttpResponse;

import dev.mcpauth.oauth2.server.resource.consumer.NotesServerApplication;
import dev.mcpauth.oauth2.server.resource.support.DpopKey;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mcp.resource-server.dpop.nonce-required=true}: resource server provided nonces (RFC 9449 section 9).
 */
@SpringBootTest(classes = NotesServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "server.address=127.0.0.1", "spring.ai.mcp.server.name=notes",
				"spring.ai.mcp.server.protocol=STREAMABLE", "spring.ai.mcp.server.streamable-http.mcp-endpoint=/mcp",
				"mcp.resource-server.issuer=" + TestAuthorizationServer.ISSUER,
				"mcp.resource-server.dpop.nonce-required=true",
				"mcp.resource-server.dpop.nonce-secret=a-test-secret-of-at-least-32-characters" })
class DpopNonceTest {

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
	void rfc9449s9FirstProofWithoutNonceGetsUseDpopNonceAndTheRetryWithTheNonceSucceeds() {
		String token = boundToken();

		HttpResponse<String> first = initialize(token, this.key.proof("POST", RESOURCE, token));

		assertThat(first.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(first)).singleElement()
			.isEqualTo("DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP proof\", "
					+ "algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\", resource_metadata=\""
					+ METADATA_URL + "\"");
		String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow();
		assertThat(first.body()).contains("\"error\":\"use_dpop_nonce\"");

		HttpResponse<String> retry = initialize(token,
				this.key.proof("POST", RESOURCE, token, (claims) -> claims.claim("nonce", nonce)));

		assertThat(retry.statusCode()).isEqualTo(200);
		assertThat(retry.headers().firstValue("DPoP-Nonce")).isPresent();
	}

	@Test
	void rfc9449s9ANonceThisServerDidNotIssueGetsUseDpopNonce() {
		String token = boundToken();

		HttpResponse<String> response = initialize(token,
				this.key.proof("POST", RESOURCE, token, (claims) -> claims.claim("nonce", "made-up")));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response).get(0)).contains("error=\"use_dpop_nonce\"");
		assertThat(response.headers().firstValue("DPoP-Nonce")).isPresent();
	}

	@Test
	void rfc9449s9ANonceIsNotASubstituteForTheOtherChecks() {
		String token = boundToken();
		String nonce = initialize(token, this.key.proof("POST", RESOURCE, token)).headers()
			.firstValue("DPoP-Nonce")
			.orElseThrow();
		String proof = this.key.proof("POST", RESOURCE, token, (claims) -> claims.claim("nonce", nonce));

		assertThat(initialize(token, proof).statusCode()).isEqualTo(200);
		HttpResponse<String> replay = initialize(token, proof);

		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(replay).get(0)).contains("error=\"invalid_dpop_proof\"");
	}

	private HttpResponse<String> initialize(String token, String proof) {
		return this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization", "DPoP " + token, "DPoP", proof);
	}

	private String boundToken() {
		return this.authorizationServer.token(RESOURCE,
				(claims) -> claims.claim("scope", "mcp:connect").claim("cnf", this.key.confirmation()));
	}

}
