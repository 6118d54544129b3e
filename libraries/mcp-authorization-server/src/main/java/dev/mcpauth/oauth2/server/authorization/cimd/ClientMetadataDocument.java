package dev.mcpauth.oauth2.server.authorization.cimd;

import java.util.List;

/**
 * The fields of a validated Client ID Metadata Document this server uses (CIMD-00 §4.1, RFC 7591 §2).
 *
 * @param clientId equal, character for character, to the URL the document was fetched from
 * @param clientName human-readable name shown to the user
 * @param redirectUris the registered redirect URIs, in document order
 * @param tokenEndpointAuthMethod {@code none} or {@code private_key_jwt}
 * @param jwksUri where the client's public keys live; set only for {@code private_key_jwt}
 * @param clientUri the client's home page, or {@code null}
 * @param logoUri the client's logo, or {@code null}
 * @param grantTypes the declared grant types; RFC 7591 §2 default {@code ["authorization_code"]} when omitted
 */
public record ClientMetadataDocument(String clientId, String clientName, List<String> redirectUris,
		String tokenEndpointAuthMethod, String jwksUri, String clientUri, String logoUri, List<String> grantTypes) {

	public static final String AUTH_METHOD_NONE = "none";

	public static final String AUTH_METHOD_PRIVATE_KEY_JWT = "private_key_jwt";

	public ClientMetadataDocument {
		redirectUris = List.copyOf(redirectUris);
		grantTypes = List.copyOf(grantTypes);
	}

}
