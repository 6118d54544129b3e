package dev.mcpauth.resourceserver.jsonrpc;

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
	 * @throws MalformedJsonRpcException if the body is not JSON, or a message is not an object, or a
	 * {@code tools/call} has no string {@code params.name}
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

	private static JsonRpcCall callOf(JsonNode message) {
		if (!message.isObject()) {
			throw new MalformedJsonRpcException(MalformedJsonRpcException.INVALID_REQUEST, "Invalid Request");
		}
		JsonNode method = message.get("method");
		if (method == null) {
			return new JsonRpcCall(null, null);
		}
		if (!method.isString()) {
			throw new MalformedJsonRpcException(MalformedJsonRpcException.INVALID_REQUEST, "Invalid Request");
		}
		if (!JsonRpcCall.TOOLS_CALL.equals(method.asString())) {
			return new JsonRpcCall(method.asString(), null);
		}
		JsonNode name = message.path("params").path("name");
		if (!name.isString()) {
			throw new MalformedJsonRpcException(MalformedJsonRpcException.INVALID_PARAMS,
					"Invalid params: tools/call needs a string params.name");
		}
		return new JsonRpcCall(JsonRpcCall.TOOLS_CALL, name.asString());
	}

	void attachTo(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
	}

	/** The body parsed by {@link JsonRpcRequestFilter}, if it ran for this request. */
	public static Optional<JsonRpcBody> of(HttpServletRequest request) {
		return Optional.ofNullable((JsonRpcBody) request.getAttribute(ATTRIBUTE));
	}

}
