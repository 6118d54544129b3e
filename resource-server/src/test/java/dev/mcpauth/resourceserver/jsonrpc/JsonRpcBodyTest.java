package dev.mcpauth.resourceserver.jsonrpc;

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
		assertThatThrownBy(() -> parse("{\"method\":\"tools/list\",\"method\":\"tools/call\"}"))
			.isInstanceOf(MalformedJsonRpcException.class);
	}

	@Test
	void nonObjectMessageIsRefused() {
		assertThatThrownBy(() -> parse("[1]")).isInstanceOf(MalformedJsonRpcException.class);
	}

	@Test
	void trailingGarbageIsRefused() {
		assertThatThrownBy(() -> parse("{\"method\":\"tools/list\"} {\"method\":\"tools/call\"}"))
			.isInstanceOf(MalformedJsonRpcException.class);
	}

	private static JsonRpcBody parse(String json) {
		return JsonRpcBody.parse(json.getBytes(StandardCharsets.UTF_8));
	}

}
