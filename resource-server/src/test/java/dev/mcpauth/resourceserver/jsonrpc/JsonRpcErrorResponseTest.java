package dev.mcpauth.resourceserver.jsonrpc;

import java.net.URI;
import java.net.http.HttpRequest;

import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's malformed request to the MCP endpoint gets a 4xx with a JSON-RPC error object, never a 500, a Java stack
 * trace or a request left without an answer (preamble: "never a stack trace to the caller").
 */
class JsonRpcErrorResponseTest extends ResourceServerTestSupport {

	@Test
	void batchGetsAJsonRpcErrorWithoutAStackTrace() { // 2025-11-25 transport: one message per POST
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);

		Response response = this.mcp.post("[" + McpHttp.toolsList() + "]", "Authorization", McpHttp.bearer(token),
				"Mcp-Session-Id", session);

		assertCleanJsonRpcError(response, 400, -32600);
	}

	@Test
	void missingAcceptMediaTypesGetAJsonRpcErrorWithoutAStackTrace() {
		Response response = this.mcp.send(HttpRequest.newBuilder(URI.create(RESOURCE))
			.header("Content-Type", "application/json")
			.header("Authorization", McpHttp.bearer(token("mcp:connect")))
			.POST(HttpRequest.BodyPublishers.ofString(McpHttp.initializeRequest())));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("stackTrace").doesNotContain("io.modelcontextprotocol");
		assertThat(response.json().at("/error/message").asString()).contains("Accept");
	}

	@Test
	void requestWithoutSessionIdGetsAJsonRpcErrorWithoutAStackTrace() {
		Response response = this.mcp.post(McpHttp.toolsList(), "Authorization", McpHttp.bearer(token("mcp:connect")));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("stackTrace").doesNotContain("io.modelcontextprotocol");
		assertThat(response.json().at("/jsonrpc").asString()).isEqualTo("2.0");
	}

	@Test
	void initializeWithoutParamsIsInvalidParamsNotA500() {
		Response response = this.mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}", "Authorization",
				McpHttp.bearer(token("mcp:connect")));

		assertCleanJsonRpcError(response, 400, -32602);
	}

	@Test
	void toolArgumentsThatAreNotAnObjectGetInvalidParamsNotAnEmptyEventStream() {
		String token = token("mcp:connect weather:read");
		String session = this.mcp.initialize(token);

		Response response = this.mcp.post(McpHttp.toolsCall("get_weather", "\"Paris\""), "Authorization",
				McpHttp.bearer(token), "Mcp-Session-Id", session);

		assertCleanJsonRpcError(response, 400, -32602);
	}

	@Test
	void responseToARequestThisServerNeverSentIs400NotA500() { // 2025-11-25 transport: "e.g., 400 Bad Request"
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);

		Response response = this.mcp.post("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}", "Authorization",
				McpHttp.bearer(token), "Mcp-Session-Id", session);

		assertCleanJsonRpcError(response, 400, -32603);
	}

	@Test
	void requestIdThatIsNeitherStringNorIntegerIsAnInvalidRequest() {
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);

		Response response = this.mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"tools/list\"}", "Authorization",
				McpHttp.bearer(token), "Mcp-Session-Id", session);

		assertCleanJsonRpcError(response, 400, -32600);
	}

	private static void assertCleanJsonRpcError(Response response, int status, int code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.body()).doesNotContain("stackTrace").doesNotContain("io.modelcontextprotocol");
		assertThat(response.json().at("/jsonrpc").asString()).isEqualTo("2.0");
		assertThat(response.json().at("/error/code").asInt()).isEqualTo(code);
	}

}
