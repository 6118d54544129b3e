package dev.mcpauth.oauth2.server.resource.jsonrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
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
	 * Reads the body in one pass of Jackson's streaming parser, keeping of each message only the members this check
	 * judges (their JSON types, and the text of {@code jsonrpc}, {@code method} and {@code params.name}); no tree is
	 * built. Every token is still read, so duplicate keys at any depth and trailing content are refused, and the
	 * messages are judged only once the whole body has parsed: a syntax error anywhere wins over a shape error, as it
	 * would with a tree.
	 * @throws MalformedJsonRpcException if the body is not JSON, or a message is not a JSON-RPC 2.0 request,
	 * notification or response of the shape MCP defines, or a {@code tools/call} has no string {@code params.name}
	 */
	static JsonRpcBody parse(byte[] body) {
		List<Message> messages = new ArrayList<>(1);
		try (JsonParser parser = STRICT.createParser(body)) {
			JsonToken root = parser.nextToken();
			if (root == null) {
				throw parseError();
			}
			if (root == JsonToken.START_ARRAY) {
				for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
					messages.add(Message.read(parser, token));
				}
			}
			else {
				messages.add(Message.read(parser, root));
			}
			if (parser.nextToken() != null) {
				throw parseError(); // trailing content after the root value
			}
		}
		catch (JacksonException ex) {
			throw parseError();
		}
		List<JsonRpcCall> calls = new ArrayList<>(messages.size());
		for (Message message : messages) {
			calls.add(message.call());
		}
		return new JsonRpcBody(calls);
	}

	/**
	 * What one message holds, as far as MCP's schema and JSON-RPC 2.0 section 4 can be checked without knowing the
	 * method's parameters: the transport answers some of these mistakes with a 500 or, for a tool call's arguments,
	 * with an empty event stream that never carries the response. A member's type is the token its value starts
	 * with, {@code null} when the member is absent.
	 */
	private static final class Message {

		private boolean object;

		private JsonToken jsonrpc;

		private String jsonrpcText;

		private JsonToken id;

		private JsonToken method;

		private String methodText;

		private boolean result;

		private boolean error;

		private JsonToken params;

		private JsonToken meta;

		private JsonToken name;

		private String nameText;

		private JsonToken arguments;

		/** Reads the message whose first token is {@code first}, up to and including its last token. */
		static Message read(JsonParser parser, JsonToken first) {
			if (first == null) {
				throw parseError(); // the body ended inside the batch
			}
			Message message = new Message();
			if (first != JsonToken.START_OBJECT) {
				parser.skipChildren();
				return message;
			}
			message.object = true;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String member = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (member) {
					case "jsonrpc" -> {
						message.jsonrpc = value;
						message.jsonrpcText = text(parser, value);
					}
					case "id" -> message.id = value;
					case "method" -> {
						message.method = value;
						message.methodText = text(parser, value);
					}
					case "result" -> message.result = true;
					case "error" -> message.error = true;
					case "params" -> {
						message.params = value;
						if (value == JsonToken.START_OBJECT) {
							message.readParams(parser);
							continue;
						}
					}
					default -> {
					}
				}
				parser.skipChildren();
			}
			return message;
		}

		private void readParams(JsonParser parser) {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String member = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (member) {
					case "_meta" -> this.meta = value;
					case "name" -> {
						this.name = value;
						this.nameText = text(parser, value);
					}
					case "arguments" -> this.arguments = value;
					default -> {
					}
				}
				parser.skipChildren();
			}
		}

		JsonRpcCall call() {
			if (!this.object || this.jsonrpc != JsonToken.VALUE_STRING || !JSONRPC_VERSION.equals(this.jsonrpcText)) {
				throw invalidRequest();
			}
			if (this.id != null && this.id != JsonToken.VALUE_STRING && this.id != JsonToken.VALUE_NUMBER_INT) {
				throw invalidRequest(); // MCP: a request id is a string or an integer, never null
			}
			if (this.method == null) { // a response to a server request: an id and exactly one of result and error
				if (this.id == null || this.result == this.error) {
					throw invalidRequest();
				}
				return new JsonRpcCall(null, null);
			}
			if (this.method != JsonToken.VALUE_STRING) {
				throw invalidRequest();
			}
			if (this.params != null && !(this.params == JsonToken.START_OBJECT && isObjectIfPresent(this.meta))) {
				throw invalidParams("params must be an object");
			}
			if (INITIALIZE.equals(this.methodText) && this.params == null) {
				throw invalidParams("initialize needs params");
			}
			if (!JsonRpcCall.TOOLS_CALL.equals(this.methodText)) {
				return new JsonRpcCall(this.methodText, null);
			}
			if (this.name != JsonToken.VALUE_STRING || !isObjectIfPresent(this.arguments)) {
				throw invalidParams("tools/call needs a string params.name and object params.arguments");
			}
			return new JsonRpcCall(JsonRpcCall.TOOLS_CALL, this.nameText);
		}

		private static String text(JsonParser parser, JsonToken value) {
			return (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
		}

		private static boolean isObjectIfPresent(JsonToken value) {
			return value == null || value == JsonToken.VALUE_NULL || value == JsonToken.START_OBJECT;
		}

	}

	/** True when every message is a response (no {@code method}): nothing in the body asks for an answer. */
	boolean onlyResponses() {
		for (JsonRpcCall call : this.calls) {
			if (call.method() != null) {
				return false;
			}
		}
		return true;
	}

	private static MalformedJsonRpcException parseError() {
		return new MalformedJsonRpcException(MalformedJsonRpcException.PARSE_ERROR, "Parse error");
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
