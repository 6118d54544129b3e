package dev.mcpauth.oauth2.client.registration;

import dev.mcpauth.oauth2.client.McpAuthorizationException;

/**
 * The authorization server supports neither Client ID Metadata Documents nor dynamic client registration (or the
 * client was given no metadata document URL), so only pre-registered credentials can identify the client.
 */
public class NoRegistrationMethodException extends McpAuthorizationException {

	public NoRegistrationMethodException(String message) {
		super(message);
	}

}
