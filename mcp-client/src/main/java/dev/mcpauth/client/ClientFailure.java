package dev.mcpauth.client;

/**
 * A failure the user must read: its message is one self-contained line that says what failed and, where it helps,
 * which rule was applied. It never contains a token, code, verifier or secret.
 */
public class ClientFailure extends RuntimeException {

	public ClientFailure(String message) {
		super(message);
	}

	public ClientFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
