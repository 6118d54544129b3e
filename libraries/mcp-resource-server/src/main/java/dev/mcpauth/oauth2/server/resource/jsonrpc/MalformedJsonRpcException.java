package dev.mcpauth.oauth2.server.resource.jsonrpc;

/**
 * A request body that is not well-formed JSON-RPC; the message is a fixed text, safe to show to the caller.
 */
class MalformedJsonRpcException extends RuntimeException {

	/** JSON-RPC 2.0 section 5.1: invalid JSON. */
	static final int PARSE_ERROR = -32700;

	/** JSON-RPC 2.0 section 5.1: not a valid request object. */
	static final int INVALID_REQUEST = -32600;

	/** JSON-RPC 2.0 section 5.1: invalid method parameters. */
	static final int INVALID_PARAMS = -32602;

	/** JSON-RPC 2.0 section 5.1: internal JSON-RPC error. */
	static final int INTERNAL_ERROR = -32603;

	private final int code;

	MalformedJsonRpcException(int code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	int code() {
		return this.code;
	}

}
