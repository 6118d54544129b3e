package dev.mcpauth.client;

/**
 * A failure of the command line itself (a usage error, a tool that returned an error): its message is one
 * self-contained line. Failures of the authorization flow are the library's
 * {@link dev.mcpauth.oauth2.client.McpAuthorizationException}.
 */
public class ClientFailure extends RuntimeException {

	public ClientFailure(String message) {
		super(message);
	}

}
