package dev.mcpauth.oauth2.server.resource.dpop;

/**
 * How the resource server treats DPoP (RFC 9449 section 7), set with {@code mcp.resource-server.dpop.mode}.
 */
public enum DpopMode {

	/**
	 * DPoP-bound tokens ({@code cnf.jkt}) are accepted with the {@code DPoP} scheme and a valid proof only; unbound
	 * tokens are accepted with the {@code Bearer} scheme. A request without credentials gets both challenges.
	 */
	OPTIONAL,

	/** Only DPoP-bound tokens with a valid proof; every {@code Bearer} token is refused. */
	REQUIRED,

	/**
	 * The {@code DPoP} scheme is not accepted (treated as no credentials) and not advertised; bound tokens are still
	 * never accepted as {@code Bearer} tokens.
	 */
	DISABLED

}
