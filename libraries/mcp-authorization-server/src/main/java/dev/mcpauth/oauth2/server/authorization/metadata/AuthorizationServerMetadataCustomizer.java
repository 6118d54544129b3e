package dev.mcpauth.oauth2.server.authorization.metadata;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadataClaimNames;

/**
 * RFC 8414 metadata that advertises exactly what this server offers (checklist AS-11..AS-14, AS-34).
 *
 * <p>Spring's defaults also announce certificate-bound tokens, token exchange and secret-JWT client
 * authentication; none of them is part of this server's contract, so they are removed. {@code client_credentials}
 * is listed only when the grant is enabled, and {@code dpop_signing_alg_values_supported} (RFC 9449 §5.1) only when
 * DPoP is, with exactly the algorithms the token endpoint accepts.
 */
public final class AuthorizationServerMetadataCustomizer implements Consumer<OAuth2AuthorizationServerMetadata.Builder> {

	/** draft-ietf-oauth-client-id-metadata-document-00 §5. */
	public static final String CIMD_SUPPORTED = "client_id_metadata_document_supported";

	/** RFC 9207 §3: true because every authorization response carries {@code iss}. */
	public static final String ISS_PARAMETER_SUPPORTED = "authorization_response_iss_parameter_supported";

	private final List<String> scopes;

	private final boolean clientCredentials;

	private final List<String> dpopAlgorithms;

	/** @param scopes the scopes the server offers, advertised as {@code scopes_supported} */
	public AuthorizationServerMetadataCustomizer(Set<String> scopes) {
		this(scopes, false, List.of());
	}

	/**
	 * @param scopes the scopes the server offers, advertised as {@code scopes_supported}
	 * @param clientCredentials whether {@code client_credentials} is offered
	 * @param dpopAlgorithms the DPoP proof algorithms accepted, empty when DPoP is off
	 */
	public AuthorizationServerMetadataCustomizer(Set<String> scopes, boolean clientCredentials,
			List<String> dpopAlgorithms) {
		this.scopes = List.copyOf(scopes);
		this.clientCredentials = clientCredentials;
		this.dpopAlgorithms = List.copyOf(dpopAlgorithms);
	}

	@Override
	public void accept(OAuth2AuthorizationServerMetadata.Builder builder) {
		builder.claims(this::customize);
	}

	private void customize(Map<String, Object> claims) {
		claims.remove(OAuth2AuthorizationServerMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS);
		if (this.dpopAlgorithms.isEmpty()) {
			claims.remove(OAuth2AuthorizationServerMetadataClaimNames.DPOP_SIGNING_ALG_VALUES_SUPPORTED);
		}
		else {
			claims.put(OAuth2AuthorizationServerMetadataClaimNames.DPOP_SIGNING_ALG_VALUES_SUPPORTED,
					this.dpopAlgorithms);
		}
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.GRANT_TYPES_SUPPORTED,
				this.clientCredentials ? List.of("authorization_code", "refresh_token", "client_credentials")
						: List.of("authorization_code", "refresh_token"));
		// none: CIMD public clients; private_key_jwt: CIMD clients with a jwks_uri (CIMD-00 §6.2);
		// client_secret_*: clients registered in configuration
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED,
				List.of("none", "private_key_jwt", "client_secret_basic", "client_secret_post"));
		List<String> confidentialMethods = List.of("private_key_jwt", "client_secret_basic", "client_secret_post");
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED,
				confidentialMethods);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.INTROSPECTION_ENDPOINT_AUTH_METHODS_SUPPORTED,
				confidentialMethods);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.SCOPES_SUPPORTED, this.scopes);
		claims.put(CIMD_SUPPORTED, true);
		claims.put(ISS_PARAMETER_SUPPORTED, true);
	}

}
