package dev.mcpauth.oauth2.server.resource.jsonrpc;

/**
 * One JSON-RPC message of a request body, reduced to what authorization needs.
 *
 * @param method the JSON-RPC {@code method}, or {@code null} for a response message
 * @param toolName {@code params.name} of a {@code tools/call}, otherwise {@code null}
 */
public record JsonRpcCall(String method, String toolName) {

	public static final String TOOLS_CALL = "tools/call";

	public boolean isToolCall() {
		return TOOLS_CALL.equals(this.method);
	}

}
