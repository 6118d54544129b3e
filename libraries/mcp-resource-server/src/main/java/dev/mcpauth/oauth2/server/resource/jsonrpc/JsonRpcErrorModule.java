package dev.mcpauth.oauth2.server.resource.jsonrpc;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;


/**
 * Writes the MCP SDK's {@link McpError} as a JSON-RPC 2.0 error response (section 5.1) without an {@code id}, which
 * is what the Streamable HTTP transport says an HTTP error body may carry.
 *
 * <p>The Spring AI WebMvc transport answers a request it cannot take (no {@code Accept} for both media types, no
 * session id, a JSON-RPC batch, an {@code id} that is neither string nor integer, ...) with
 * {@code ServerResponse.status(4xx/5xx).body(mcpError)}. Serialized as a bean, the exception carries its stack trace
 * and class names to the caller; registered with Spring Boot's JSON mapper, this module reduces it to the code and
 * message. {@code data} is left out: it may hold exception details.
 */
public class JsonRpcErrorModule extends SimpleModule {

	public JsonRpcErrorModule() {
		super("mcp-json-rpc-error");
		addSerializer(McpError.class, new McpErrorSerializer());
	}

	private static final class McpErrorSerializer extends StdSerializer<McpError> {

		McpErrorSerializer() {
			super(McpError.class);
		}

		@Override
		public void serialize(McpError error, JsonGenerator json, SerializationContext context) {
			McpSchema.JSONRPCResponse.JSONRPCError details = error.getJsonRpcError();
			json.writeStartObject();
			json.writeStringProperty("jsonrpc", McpSchema.JSONRPC_VERSION);
			json.writeNullProperty("id");
			json.writeName("error");
			json.writeStartObject();
			json.writeNumberProperty("code", details != null && details.code() != null ? details.code()
					: MalformedJsonRpcException.INTERNAL_ERROR);
			json.writeStringProperty("message", details != null && details.message() != null ? details.message()
					: "Internal error");
			json.writeEndObject();
			json.writeEndObject();
		}

	}

}
