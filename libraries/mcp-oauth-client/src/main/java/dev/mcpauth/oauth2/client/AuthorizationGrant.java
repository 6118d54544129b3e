package dev.mcpauth.oauth2.client;

/**
 * How the client obtains its tokens ({@code mcp.client.grant}).
 */
public enum AuthorizationGrant {

	/** A user authorizes in a browser (or the headless user agent): authorization code with PKCE (the default). */
	AUTHORIZATION_CODE,

	/**
	 * The client acts for itself (OAuth 2.1 section 4.2; the MCP client credentials extension): no user and no browser,
	 * pre-registered confidential client with a secret ({@code client_secret_basic}/{@code _post}) or a private key
	 * ({@code private_key_jwt}); no refresh token is expected, a new token is requested when needed.
	 */
	CLIENT_CREDENTIALS

}
