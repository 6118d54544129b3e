package dev.mcpauth.oauth2.server.resource.forgottenchain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RS-11: an application chain that forgets {@code mcpResourceServer()} must not leave the MCP endpoint open. The
 * guard answers a JSON-RPC internal error to every request that did not pass the MCP rules, with or without a token,
 * and the tool never runs.
 */
@SpringBootTest(classes = ForgottenChainApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "mcp.resource-server.resource=http://localhost:8001/mcp",
				"mcp.resource-server.issuer=" + TestAuthorizationServer.ISSUER,
				"spring.ai.mcp.server.protocol=STREAMABLE" })
class ForgottenChainTest {

	private static final String INITIALIZE = """
			{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
			"capabilities":{},"clientInfo":{"name":"forgotten-chain-test","version":"1.0"}}}""";

	private static final String CALL = """
			{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}""";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Test
	void mcpEndpointFailsClosedWithoutTheMcpChain() throws Exception {
		for (String body : new String[] { INITIALIZE, CALL }) {
			HttpResponse<String> response = post(body);

			assertThat(response.statusCode()).as(body).isEqualTo(500);
			assertThat(response.body()).contains("\"code\":-32603").contains("Server security is not configured")
				.doesNotContain("Exception");
		}
		assertThat(ForgottenChainApplication.calls).hasValue(0);
	}

	@Test
	void otherPathsAreLeftToTheApplicationsChain() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/nothing-here"))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> post(String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mcp"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
