package dev.mcpauth.oauth2.server.resource.jsonrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parsed messages of a buffered JSON-RPC request body. A JSON array (a JSON-RPC batch) yields one call per
 * element, so that a batch can never smuggle a {@code tools/call} past the scope check.
 *
 * @param calls the messages in the body, in order
 */
public record JsonRpcBody(List<JsonRpcCall> calls) {

	private static final String ATTRIBUTE = JsonRpcBody.class.getName();

	private static final String JSONRPC_VERSION = "2.0";

	private static final String INITIALIZE = "initialize";

	/*
	 * Duplicate keys are refused: the MCP transport keeps the last of duplicated keys, so a lenient parser here could
	 * see a different tool name than the one that runs.
	 */
	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	public JsonRpcBody {
		calls = List.copyOf(calls);
	}

	/**
	 * @throws MalformedJsonRpcException if the body is not JSON, or a message is not a JSON-RPC 2.0 request,
	 * notification or response of the shape MCP defines, or a {@code tools/call} has no string {@code params.name}
	 */
	static JsonRpcBody parse(byte[] body) {
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
		return new JsonRpcBody(calls);
	}

	/**
	 * One message, checked as far as the MCP schema and JSON-RPC 2.0 section 4 allow without knowing the method's
	 * parameters: the transport answers some of these mistakes with a 500 or, for a tool call's arguments, with an
	 * empty event stream that never carries the response.
	 */
	private static JsonRpcCall callOf(JsonNode message) {
		if (!message.isObject() || !isString(message.get("jsonrpc"), JSONRPC_VERSION)) {
			throw invalidRequest();
		}
		JsonNode id = message.get("id");
		if (id != null && !(id.isString() || id.isIntegralNumber())) {
			throw invalidRequest(); // MCP: a request id is a string or an integer, never null
		}
		JsonNode method = message.get("method");
		if (method == null) { // a response to a server request: an id and exactly one of result and error
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
		if (INITIALIZE.equals(method.asString()) && params == null) {
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

	/** True when every message is a response (no {@code method}): nothing in the body asks for an answer. */
	boolean onlyResponses() {
		return this.calls.stream().allMatch(call -> call.method() == null);
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

	void attachTo(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
	}

	/** The body parsed by {@link JsonRpcRequestFilter}, if it ran for this request. */
	public static Optional<JsonRpcBody> of(HttpServletRequest request) {
		return Optional.ofNullable((JsonRpcBody) request.getAttribute(ATTRIBUTE));
	}

}
