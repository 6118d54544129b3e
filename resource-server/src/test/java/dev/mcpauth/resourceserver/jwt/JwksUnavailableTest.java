package dev.mcpauth.resourceserver.jwt;

import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the authorization server's keys cannot be fetched, the caller's token is not at fault: 503 with
 * {@code Retry-After}, no challenge, no stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "mcp.resource-server.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks" })
class JwksUnavailableTest {

	private static final String RESOURCE = "http://localhost:8001/mcp";

	@LocalServerPort
	private int port;

	@Test
	void unreachableJwksGives503NotAChallengeOrA500() {
		McpHttp mcp = new McpHttp("http://127.0.0.1:" + this.port + "/mcp");
		String token = TestAuthorizationServer.get().token(RESOURCE, "mcp:connect");

		Response response = mcp.post(McpHttp.initializeRequest(), "Authorization", McpHttp.bearer(token));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isEqualTo("5");
		assertThat(response.wwwAuthenticate()).isNull();
		assertThat(response.json().get("error").asString()).isEqualTo("temporarily_unavailable");
	}

}
