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
 * {@code mcp.resource-server.dpop.replay-cache-size=2}: a cache full of live {@code jti} values refuses new proofs
 * with 503 and {@code Retry-After} rather than forgetting one early (RFC 9449 section 11.1), and still catches the
 * replay of a remembered one.
 */
@SpringBootTest(classes = NotesServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "server.address=127.0.0.1", "spring.ai.mcp.server.name=notes",
				"spring.ai.mcp.server.protocol=STREAMABLE", "spring.ai.mcp.server.streamable-http.mcp-endpoint=/mcp",
				"mcp.resource-server.issuer=" + TestAuthorizationServer.ISSUER,
				"mcp.resource-server.dpop.replay-cache-size=2" })
class DpopReplayCacheFullTest {

	private static final int PORT = DpopHttp.freePort();

	private static final String RESOURCE = "http://localhost:" + PORT + "/mcp";

	private final DpopHttp http = new DpopHttp();

	private final DpopKey key = new DpopKey();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("mcp.resource-server.resource", () -> RESOURCE);
		registry.add("mcp.resource-server.jwk-set-uri", () -> TestAuthorizationServer.get().jwkSetUri());
	}

	@Test
	void rfc9449s11_1AFullReplayCacheAnswers503AndNeverForgetsALiveJti() {
		String token = TestAuthorizationServer.get()
			.token(RESOURCE, (claims) -> claims.claim("scope", "mcp:connect").claim("cnf", this.key.confirmation()));
		String first = this.key.proof("POST", RESOURCE, token);

		assertThat(initialize(token, first).statusCode()).isEqualTo(200);
		assertThat(initialize(token, this.key.proof("POST", RESOURCE, token)).statusCode()).isEqualTo(200);
		HttpResponse<String> full = initialize(token, this.key.proof("POST", RESOURCE, token));
		HttpResponse<String> replay = initialize(token, first);

		assertThat(full.statusCode()).isEqualTo(503);
		assertThat(full.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(full.body()).contains("\"error\":\"temporarily_unavailable\"");
		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(replay).get(0)).contains("error=\"invalid_dpop_proof\"", "already used");
	}

	private HttpResponse<String> initialize(String token, String proof) {
		return this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization", "DPoP " + token, "DPoP", proof);
	}

}
