package dev.mcpauth.oauth2.client.registration;

import java.util.List;

import dev.mcpauth.oauth2.client.McpAuthorizationException;

/** Which token endpoint authentication method to use, given what the authorization server supports (CL-17). */
public final class TokenEndpointAuthMethods {

	public static final String NONE = "none";

	public static final String BASIC = "client_secret_basic";

	public static final String POST = "client_secret_post";

	/** A JWT signed with the client's private key (RFC 7523 section 2.2, OpenID Connect Core section 9). */
	public static final String PRIVATE_KEY_JWT = "private_key_jwt";

	private TokenEndpointAuthMethods() {
	}

	/** For a client that can be public: {@code none} first (no secret to keep), then the secret-based methods. */
	public static String forNewClient(List<String> supported) {
		for (String method : List.of(NONE, BASIC, POST)) {
			if (supported.contains(method)) {
				return method;
			}
		}
		throw new McpAuthorizationException("the authorization server supports none of the token endpoint authentication methods "
				+ "this client implements (none, client_secret_basic, client_secret_post): " + supported);
	}

	/** For pre-registered credentials: a secret means a confidential client; Basic is the RFC 6749 default. */
	public static String forPreRegistered(String secret, List<String> supported) {
		if (secret == null) {
			return NONE;
		}
		if (supported.contains(BASIC) || !supported.contains(POST)) {
			return BASIC;
		}
		return POST;
	}

}
