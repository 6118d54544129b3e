package dev.mcpauth.oauth2.server.resource.jsonrpc;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the scope check reads from a JSON-RPC body.
 */
class JsonRpcBodyTest {

	@Test
	void singleToolCallNamesItsTool() {
		JsonRpcBody body = parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}");

		assertThat(body.calls()).containsExactly(new JsonRpcCall("tools/call", "x"));
	}

	@Test
	void batchYieldsEveryMessage() {
		JsonRpcBody body = parse("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"},"
				+ "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"y\"}},"
				+ "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}]");

		assertThat(body.calls()).containsExactly(new JsonRpcCall("tools/list", null), new JsonRpcCall("tools/call", "y"),
				new JsonRpcCall(null, null));
	}

	@Test
	void toolCallSentAsANotificationIsStillAToolCall() {
		assertThat(parse("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"z\"}}").calls())
			.allMatch(JsonRpcCall::isToolCall);
	}

	@Test
	void duplicateKeysAreRefused() {
		assertThat(errorCodeOf("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"method\":\"tools/call\"}"))
			.isEqualTo(MalformedJsonRpcException.PARSE_ERROR);
	}

	@Test
	void nonObjectMessageIsRefused() {
		assertThatThrownBy(() -> parse("[1]")).isInstanceOf(MalformedJsonRpcException.class);
	}

	@Test
	void trailingGarbageIsRefused() {
		assertThat(errorCodeOf("{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\"} {\"method\":\"tools/call\"}"))
			.isEqualTo(MalformedJsonRpcException.PARSE_ERROR);
	}

	@Test
	void messageThatIsNotJsonRpc20IsAnInvalidRequest() {
		assertThat(errorCodeOf("{\"id\":1,\"method\":\"tools/list\"}")).isEqualTo(MalformedJsonRpcException.INVALID_REQUEST);
		assertThat(errorCodeOf("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"tools/list\"}"))
			.isEqualTo(MalformedJsonRpcException.INVALID_REQUEST);
	}

	@Test
	void requestIdIsAStringOrAnInteger() { // MCP schema: RequestId = string | integer, never null
		assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}").calls()).hasSize(1);
		for (String id : new String[] { "null", "1.5", "{}", "[1]", "true" }) {
			assertThat(errorCodeOf("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}")).as(id)
				.isEqualTo(MalformedJsonRpcException.INVALID_REQUEST);
		}
	}

	@Test
	void responseHasAnIdAndExactlyOneOfResultAndError() {
		assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":1,\"message\":\"m\"}}").onlyResponses())
			.isTrue();
		assertThat(errorCodeOf("{\"jsonrpc\":\"2.0\",\"result\":{}}")).isEqualTo(MalformedJsonRpcException.INVALID_REQUEST);
		assertThat(errorCodeOf("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{},\"error\":{}}"))
			.isEqualTo(MalformedJsonRpcException.INVALID_REQUEST);
	}

	@Test
	void paramsAreAnObjectAndInitializeHasThem() {
		assertThat(errorCodeOf("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":[1]}"))
			.isEqualTo(MalformedJsonRpcException.INVALID_PARAMS);
		assertThat(errorCodeOf("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":\"x\"}}"))
			.isEqualTo(MalformedJsonRpcException.INVALID_PARAMS);
		assertThat(errorCodeOf("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}"))
			.isEqualTo(MalformedJsonRpcException.INVALID_PARAMS);
	}

	@Test
	void toolCallArgumentsAreAnObjectWhenPresent() {
		assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
				+ "\"arguments\":null}}").calls()).containsExactly(new JsonRpcCall("tools/call", "x"));
		assertThat(errorCodeOf("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
				+ "\"arguments\":[1]}}")).isEqualTo(MalformedJsonRpcException.INVALID_PARAMS);
	}

	private static int errorCodeOf(String json) {
		try {
			parse(json);
		}
		catch (MalformedJsonRpcException ex) {
			return ex.code();
		}
		throw new AssertionError("accepted: " + json);
	}

	private static JsonRpcBody parse(String json) {
		return JsonRpcBody.parse(json.getBytes(StandardCharsets.UTF_8));
	}

}
