package dev.mcpauth.oauth2.client.discovery;

import java.util.List;

/**
 * The members of RFC 8414 (or OpenID Connect Discovery) metadata the client relies on, already validated: the
 * {@code issuer} equals the one used to build the URL (CL-06) and PKCE S256 is supported (CL-07).
 *
 * @param location where the document was found, or {@code null} for the 2025-03-26 default endpoints
 * @param tokenEndpointAuthMethodsSupported defaults to {@code client_secret_basic} when absent (RFC 8414 section 2)
 * @param dpopSigningAlgValuesSupported {@code dpop_signing_alg_values_supported} (RFC 9449 section 5.1); empty when
 * absent, i.e. the server does not announce DPoP
 */
public record AuthorizationServerMetadata(String location, String issuer, String authorizationEndpoint,
		String tokenEndpoint, String registrationEndpoint, List<String> tokenEndpointAuthMethodsSupported,
		boolean clientIdMetadataDocumentSupported, boolean authorizationResponseIssParameterSupported,
		List<String> dpopSigningAlgValuesSupported) {

	public AuthorizationServerMetadata {
		dpopSigningAlgValuesSupported = dpopSigningAlgValuesSupported == null ? List.of()
				: List.copyOf(dpopSigningAlgValuesSupported);
	}

	/** Metadata that announces no DPoP. */
	public AuthorizationServerMetadata(String location, String issuer, String authorizationEndpoint,
			String tokenEndpoint, String registrationEndpoint, List<String> tokenEndpointAuthMethodsSupported,
			boolean clientIdMetadataDocumentSupported, boolean authorizationResponseIssParameterSupported) {
		this(location, issuer, authorizationEndpoint, tokenEndpoint, registrationEndpoint,
				tokenEndpointAuthMethodsSupported, clientIdMetadataDocumentSupported,
				authorizationResponseIssParameterSupported, List.of());
	}

	/** Whether the server takes DPoP proofs signed with {@code alg} at its token endpoint. */
	public boolean supportsDpop(String alg) {
		return this.dpopSigningAlgValuesSupported.contains(alg);
	}

	public boolean supportsAuthMethod(String method) {
		return this.tokenEndpointAuthMethodsSupported.contains(method);
	}

}
