package dev.mcpauth.oauth2.client.authorization;

import java.net.URI;

/**
 * Plays the browser's part of the authorization code flow: takes the user to the authorization URL and brings back
 * the redirect to the client's {@code redirect_uri}.
 */
public interface UserAgent extends AutoCloseable {

	/** The redirect URI to put in the request; loopback, as MCP requires for native clients (CL-16). */
	String redirectUri();

	/** @return the redirect the authorization server sent the user agent to */
	URI authorize(URI authorizationUri);

	@Override
	default void close() {
	}

}
