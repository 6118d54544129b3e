package dev.mcpauth.oauth2.server.resource.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RS-12: the streaming parse of {@link JsonRpcBody#parse(byte[])} judges every body as the former parse into a
 * Jackson tree judged it (kept here as {@link #judgedAsATree}): the same calls, or the same JSON-RPC error code and
 * message. Bodies are generated from JSON-RPC fragments (members of every JSON type, duplicates, nesting, batches,
 * truncation and trailing content), so that each check of the shape is met both ways.
 */
class JsonRpcBodyStreamingTest {

	private static final String[] MEMBERS = { "\"jsonrpc\":\"2.0\"", "\"jsonrpc\":\"1.0\"", "\"jsonrpc\":2",
			"\"jsonrpc\":null", "\"id\":1", "\"id\":\"a\"", "\"id\":null", "\"id\":1.5", "\"id\":{}", "\"id\":[1]",
			"\"id\":true", "\"id\":123456789012345678901234567890", "\"method\":\"tools/call\"",
			"\"method\":\"tools/list\"", "\"method\":\"initialize\"", "\"method\":\"ping\"", "\"method\":null",
			"\"method\":7", "\"method\":{\"a\":1}", "\"result\":{}", "\"result\":null", "\"error\":{\"code\":1}",
			"\"params\":null", "\"params\":[1]", "\"params\":\"p\"", "\"params\":{}", "\"params\":" + "%PARAMS%",
			"\"other\":{\"x\":[1,{\"y\":2}]}", "\"other\":[]", "\"x\":\"\\u0041\"" };

	private static final String[] PARAMS = { "\"name\":\"get_weather\"", "\"name\":\"whoami\"", "\"name\":null",
			"\"name\":3", "\"name\":{}", "\"arguments\":{}", "\"arguments\":{\"city\":\"Paris\",\"n\":[1,2]}",
			"\"arguments\":null", "\"arguments\":[]", "\"arguments\":\"a\"", "\"_meta\":{}", "\"_meta\":null",
			"\"_meta\":\"m\"", "\"_meta\":{\"progressToken\":1}", "\"other\":{\"name\":\"nested\"}" };

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	@Test
	void chosenBodiesAreJudgedAsATreeJudgesThem() {
		for (String body : List.of("", " ", "null", "1", "\"s\"", "[]", "[1]", "[[]]", "{}", "[{}]", "{", "[", "[{}",
				"{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"} x",
				"{\"jsonrpc\":\"2.0\",\"method\":\"ping\"} {}", "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}]",
				"[{\"jsonrpc\":\"2.0\",\"method\":\"ping\"},]", "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",}",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"name\":\"y\"}}",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
						+ "\"arguments\":{\"a\":1,\"a\":2}}}",
				"{\"jsonrpc\":\"1.0\",\"a\":1,\"a\":2}", "[{\"jsonrpc\":\"1.0\"},{\"a\":1,\"a\":2}]",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}")) {
			assertSameJudgement(body);
		}
	}

	@Test
	void generatedBodiesAreJudgedAsATreeJudgesThem() {
		SplittableRandom random = new SplittableRandom(29);
		for (int n = 0; n < 50_000; n++) {
			String body;
			if (random.nextInt(3) == 0) {
				List<String> messages = new ArrayList<>();
				int count = random.nextInt(0, 4);
				for (int i = 0; i < count; i++) {
					messages.add(message(random));
				}
				body = "[" + String.join(",", messages) + "]";
			}
			else {
				body = message(random);
			}
			switch (random.nextInt(12)) {
				case 0 -> body = body.substring(0, random.nextInt(body.length() + 1)); // truncated
				case 1 -> body = body + (random.nextBoolean() ? " {}" : " x"); // trailing content
				default -> {
				}
			}
			assertSameJudgement(body);
		}
	}

	private static String message(SplittableRandom random) {
		if (random.nextInt(20) == 0) {
			return random.nextBoolean() ? "42" : "[\"not\",\"a\",\"message\"]";
		}
		List<String> members = new ArrayList<>();
		if (random.nextInt(6) != 0) {
			members.add("\"jsonrpc\":\"2.0\"");
		}
		int count = random.nextInt(0, 6);
		for (int i = 0; i < count; i++) {
			String member = MEMBERS[random.nextInt(MEMBERS.length)];
			members.add(member.replace("%PARAMS%", params(random)));
		}
		Collections.shuffle(members, new Random(random.nextLong()));
		return "{" + String.join(",", members) + "}";
	}

	private static String params(SplittableRandom random) {
		List<String> members = new ArrayList<>();
		int count = random.nextInt(0, 4);
		for (int i = 0; i < count; i++) {
			members.add(PARAMS[random.nextInt(PARAMS.length)]);
		}
		return "{" + String.join(",", members) + "}";
	}

	private static void assertSameJudgement(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		assertThat(judgement(() -> JsonRpcBody.parse(bytes).calls().toString())).as("body [%s]", body)
			.isEqualTo(judgement(() -> judgedAsATree(bytes).toString()));
	}

	private static String judgement(Supplier<String> parse) {
		try {
			return parse.get();
		}
		catch (MalformedJsonRpcException ex) {
			return ex.code() + " " + ex.getMessage();
		}
	}

	/** The parse this class replaced: the whole body into a tree, then the same checks on the nodes. */
	private static List<JsonRpcCall> judgedAsATree(byte[] body) {
		JsonNode root;
		try {
			root = STRICT.readTree(body);
		}
		catch (JacksonException ex) {
			throw new MalformedJsonRpcException(MalformedJsonRpcException.PARSE_ERROR, "Parse error");
		}
		if (root == null || root.isMissingNode()) {
			throw new MalformedJsonRpcException(MalformedJsonRpcException.PARSE_ERROR, "Parse error");
		}
		List<JsonRpcCall> calls = new ArrayList<>();
		if (root.isArray()) {
			for (JsonNode message : root) {
				calls.add(callOf(message));
			}
		}
		else {
			calls.add(callOf(root));
		}
		return calls;
	}

	private static JsonRpcCall callOf(JsonNode message) {
		if (!message.isObject() || !isString(message.get("jsonrpc"), "2.0")) {
			throw invalidRequest();
		}
		JsonNode id = message.get("id");
		if (id != null && !(id.isString() || id.isIntegralNumber())) {
			throw invalidRequest();
		}
		JsonNode method = message.get("method");
		if (method == null) {
			if (id == null || message.has("result") == message.has("error")) {
				throw invalidRequest();
			}
			return new JsonRpcCall(null, null);
		}
		if (!method.isString()) {
			throw invalidRequest();
		}
		JsonNode params = message.get("params");
		if (params != null && !(params.isObject() && isObjectIfPresent(params, "_meta"))) {
			throw invalidParams("params must be an object");
		}
		if ("initialize".equals(method.asString()) && params == null) {
			throw invalidParams("initialize needs params");
		}
		if (!JsonRpcCall.TOOLS_CALL.equals(method.asString())) {
			return new JsonRpcCall(method.asString(), null);
		}
		JsonNode name = params == null ? null : params.get("name");
		if (name == null || !name.isString() || !isObjectIfPresent(params, "arguments")) {
			throw invalidParams("tools/call needs a string params.name and object params.arguments");
		}
		return new JsonRpcCall(JsonRpcCall.TOOLS_CALL, name.asString());
	}

	private static boolean isString(JsonNode node, String expected) {
		return node != null && node.isString() && expected.equals(node.asString());
	}

	private static boolean isObjectIfPresent(JsonNode object, String member) {
		JsonNode value = object.get(member);
		return value == null || value.isNull() || value.isObject();
	}

	private static MalformedJsonRpcException invalidRequest() {
		return new MalformedJsonRpcException(MalformedJsonRpcException.INVALID_REQUEST, "Invalid Request");
	}

	private static MalformedJsonRpcException invalidParams(String detail) {
		return new MalformedJsonRpcException(MalformedJsonRpcException.INVALID_PARAMS, "Invalid params: " + detail);
	}

}
