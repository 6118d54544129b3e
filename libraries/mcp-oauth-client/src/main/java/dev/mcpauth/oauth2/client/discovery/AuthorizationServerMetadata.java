package dev.mcpauth.oauth2.client.discovery;

import java.util.List;

/**
 * The members of RFC 8414 (or OpenID Connect Discovery) metadata the client relies on, already validated: the
 * {@code issuer} equals the one used to build the URL (CL-06) and PKCE S256 is supported (CL-07).
 *
 * @param location where the document was found, or {@code null} for the 2025-03-26 default endpoints
 * @param tokenEndpointAuthMethodsSupported defaults to {@code client_secret_basic} when absent (RFC 8414 section 2)
 */
public record AuthorizationServerMetadata(String location, String issuer, String authorizationEndpoint,
		String tokenEndpoint, String registrationEndpoint, List<String> tokenEndpointAuthMethodsSupported,
		boolean clientIdMetadataDocumentSupported, boolean authorizationResponseIssParameterSupported) {

	public boolean supportsAuthMethod(String method) {
		return this.tokenEndpointAuthMethodsSupported.contains(method);
	}

}
