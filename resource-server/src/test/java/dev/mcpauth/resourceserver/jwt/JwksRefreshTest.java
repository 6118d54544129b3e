package dev.mcpauth.resourceserver.jwt;

import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWKS is refetched for an unknown {@code kid} (key rotation), but not more than twice per interval, whatever
 * key ids a caller makes up. Its own application context, so that its key cache starts empty.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "mcp.resource-server.resource=" + JwksRefreshTest.RESOURCE })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksRefreshTest {

	static final String RESOURCE = "http://localhost:8001/mcp";

	private final TestAuthorizationServer authorizationServer = TestAuthorizationServer.get();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("mcp.resource-server.jwk-set-uri", () -> TestAuthorizationServer.get().jwkSetUri());
	}

	@Test
	@Order(1)
	void keyRotationIsPickedUpByRefetchingTheJwksOnAnUnknownKid() {
		assertThat(initializeWith(this.authorizationServer.token(RESOURCE, "mcp:connect")).status()).isEqualTo(200);
		int fetchesBefore = this.authorizationServer.jwksRequests();
		RSAKey rotated = this.authorizationServer.rotateIn("rotated-" + System.nanoTime());

		Response response = initializeWith(this.authorizationServer.tokenSignedWith(rotated, RESOURCE, "mcp:connect"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(this.authorizationServer.jwksRequests()).isEqualTo(fetchesBefore + 1);
	}

	@Test
	@Order(2)
	void madeUpKeyIdsCannotMakeTheServerHammerTheJwksEndpoint() throws Exception {
		int fetchesBefore = this.authorizationServer.jwksRequests();
		List<Integer> statuses = new ArrayList<>();

		for (int i = 0; i < 6; i++) {
			RSAKey unknown = new RSAKeyGenerator(2048).keyID("made-up-" + i).generate();
			statuses.add(initializeWith(this.authorizationServer.tokenSignedWith(unknown, RESOURCE, "mcp:connect"))
				.status());
		}

		assertThat(this.authorizationServer.jwksRequests() - fetchesBefore).isLessThanOrEqualTo(2);
		// Rate-limited refetches fall back to the key set already known, in which these key ids do not exist.
		assertThat(statuses).containsOnly(401);
	}

	@Test
	@Order(3)
	void knownKeysKeepWorkingWhileRefetchesAreRateLimited() {
		assertThat(initializeWith(this.authorizationServer.token(RESOURCE, "mcp:connect")).status()).isEqualTo(200);
	}

	private Response initializeWith(String token) {
		return new McpHttp("http://127.0.0.1:" + this.port + "/mcp").post(McpHttp.initializeRequest(), "Authorization",
				McpHttp.bearer(token));
	}

}
