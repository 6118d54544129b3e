package dev.mcpauth.resourceserver.scope;

import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-tool scopes and the step-up challenge over real HTTP (checklist RS-12, RS-13, section 4.2).
 */
class ToolScopeEnforcementTest extends ResourceServerTestSupport {

	private static final String WEATHER_CALL = McpHttp.toolsCall("get_weather", "{\"city\":\"Paris\"}");

	@Test
	void rs12ToolsListWithTheBaseScopeListsEveryTool() {
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);

		Response response = call(token, session, McpHttp.toolsList());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().at("/result/tools").findValuesAsString("name"))
			.containsExactlyInAnyOrder("whoami", "get_weather");
	}

	@Test
	void rs12CallingAToolWithoutItsScopeGets403InsufficientScopeNamingGrantedPlusMissing() {
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);

		Response response = call(token, session, WEATHER_CALL);

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.headerValues("WWW-Authenticate")).containsExactly("Bearer error=\"insufficient_scope\", "
				+ "scope=\"mcp:connect weather:read\", resource_metadata=\"" + METADATA_URL + "\", "
				+ "error_description=\"This request needs the scope(s): mcp:connect weather:read\"");
		// Refused by the security layer before the MCP transport: an OAuth error body, not a JSON-RPC result.
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.json().get("error").asString()).isEqualTo("insufficient_scope");
		assertThat(response.json().has("result")).isFalse();
	}

	@Test
	void rs12SteppedUpTokenRunsTheTool() {
		String token = token("mcp:connect weather:read");
		String session = this.mcp.initialize(token);

		Response response = call(token, session, WEATHER_CALL);

		assertThat(response.status()).isEqualTo(200);
		JsonNode result = response.json().get("result");
		assertThat(result.get("isError").asBoolean()).isFalse();
		assertThat(result.at("/content/0/text").asString()).contains("\"city\":\"Paris\"");
	}

	@Test
	void toolNeedingOnlyTheBaseScopeRunsWithIt() {
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);

		Response response = call(token, session, McpHttp.toolsCall("whoami", "{}"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().at("/result/content/0/text").asString()).contains("\"subject\":\"alice\"");
	}

	@Test
	void unknownToolIsLeftToTheMcpServerToAnswer() {
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);

		Response response = call(token, session, McpHttp.toolsCall("no_such_tool", "{}"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.wwwAuthenticate()).isNull();
		JsonNode message = response.json();
		assertThat(message.has("error") || message.at("/result/isError").asBoolean()).as(response.body()).isTrue();
	}

	@Test
	void tokenWithoutTheBaseScopeCannotEvenInitialize() {
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Authorization",
				McpHttp.bearer(token("weather:read")));

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.wwwAuthenticate()).startsWith("Bearer error=\"insufficient_scope\"")
			.contains("scope=\"mcp:connect weather:read\"");
	}

	@Test
	void scopesThisServerDoesNotKnowAreNotEchoedInTheChallenge() {
		String token = token("mcp:connect calendar:write");
		String session = this.mcp.initialize(token);

		Response response = call(token, session, WEATHER_CALL);

		assertThat(response.wwwAuthenticate()).contains("scope=\"mcp:connect weather:read\"")
			.doesNotContain("calendar");
	}

	@Test
	void aBatchCannotSmuggleAToolCallPastTheScopeCheck() {
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);

		Response response = call(token, session, "[" + McpHttp.toolsList() + "," + WEATHER_CALL + "]");

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.wwwAuthenticate()).contains("error=\"insufficient_scope\"");
	}

	@Test
	void duplicateKeysThatCouldNameTwoToolsAreRejected() {
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);
		String ambiguous = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\","
				+ "\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}}";

		Response response = call(token, session, ambiguous);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/error/code").asInt()).isEqualTo(-32700);
	}

	@Test
	void malformedJsonGetsAJsonRpcParseErrorNotA500() {
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);

		Response response = call(token, session, "{\"jsonrpc\":");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/error/code").asInt()).isEqualTo(-32700);
	}

	@Test
	void toolCallWithoutAStringNameIsInvalidParams() {
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);

		Response response = call(token, session,
				"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":{\"x\":1}}}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/error/code").asInt()).isEqualTo(-32602);
	}

	@Test
	void oversizedBodyGets413() {
		String token = token("mcp:connect");
		String session = this.mcp.initialize(token);
		String huge = McpHttp.toolsCall("whoami", "{\"padding\":\"" + "x".repeat(300 * 1024) + "\"}");

		Response response = call(token, session, huge);

		assertThat(response.status()).isEqualTo(413);
	}

	private Response call(String token, String session, String body) {
		return this.mcp.post(body, "Authorization", McpHttp.bearer(token), "Mcp-Session-Id", session);
	}

}
