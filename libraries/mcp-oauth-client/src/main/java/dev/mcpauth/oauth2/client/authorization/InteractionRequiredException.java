package dev.mcpauth.oauth2.client.authorization;

import dev.mcpauth.oauth2.client.McpAuthorizationException;

/**
 * The authorization server wants a person (a login or consent page) and the user agent has none: use a
 * {@link BrowserUserAgent}, or a {@link UserAgent} of your own that can show the page.
 */
public class InteractionRequiredException extends McpAuthorizationException {

	public InteractionRequiredException(String message) {
		super(message);
	}

}
