package dev.mcpauth.oauth2.client;

/**
 * The authorization flow failed in a way the user must read: the message is one self-contained line that says what
 * failed and, where it helps, which rule was applied (e.g. {@code RFC 9728 section 3.3}). It never contains a token,
 * code, verifier or secret. The MCP Java SDK may wrap it on its way to the caller;
 * {@link McpOAuthClient#failure()} keeps the original.
 */
public class McpAuthorizationException extends RuntimeException {

	public McpAuthorizationException(String message) {
		super(message);
	}

	public McpAuthorizationException(String message, Throwable cause) {
		super(message, cause);
	}

}
