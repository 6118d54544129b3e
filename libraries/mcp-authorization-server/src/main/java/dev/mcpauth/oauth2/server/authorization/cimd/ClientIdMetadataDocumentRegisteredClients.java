package dev.mcpauth.oauth2.server.authorization.cimd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Builds the {@link RegisteredClient} that stands for a validated Client ID Metadata Document.
 *
 * <p>The registered-client id is derived from the URL ({@code cimd-} + base64url(SHA-256(client_id))), so the same
 * document always maps to the same row: authorizations, consents and codes that reference it stay valid across
 * refetches and restarts (checklist §3.10).
 */
public final class ClientIdMetadataDocumentRegisteredClients {

	/** Prefix of every id this class produces; nothing else may use it. */
	public static final String ID_PREFIX = "cimd-";

	private final Set<String> scopes;

	private final TokenSettings tokenSettings;

	/**
	 * @param scopes every scope the server's resources offer: a CIMD client has no registered scope ceiling, so
	 * step-up re-authorization can ask for more (checklist AS-35)
	 * @param tokenSettings token lifetimes and formats shared by all clients
	 */
	public ClientIdMetadataDocumentRegisteredClients(Set<String> scopes, TokenSettings tokenSettings) {
		this.scopes = Set.copyOf(scopes);
		this.tokenSettings = tokenSettings;
	}

	public static String registeredClientId(String clientId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(clientId.getBytes(StandardCharsets.UTF_8));
			return ID_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	public static boolean isClientIdMetadataDocumentClient(RegisteredClient registeredClient) {
		return registeredClient.getId().startsWith(ID_PREFIX);
	}

	public RegisteredClient toRegisteredClient(ClientMetadataDocument document) {
		boolean privateKeyJwt = ClientMetadataDocument.AUTH_METHOD_PRIVATE_KEY_JWT
			.equals(document.tokenEndpointAuthMethod());
		ClientSettings.Builder clientSettings = ClientSettings.builder()
			.requireProofKey(true)
			.requireAuthorizationConsent(true);
		if (privateKeyJwt) {
			clientSettings.jwkSetUrl(document.jwksUri())
				.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256);
		}
		RegisteredClient.Builder builder = RegisteredClient.withId(registeredClientId(document.clientId()))
			.clientId(document.clientId())
			.clientName(document.clientName())
			.clientAuthenticationMethod(privateKeyJwt ? ClientAuthenticationMethod.PRIVATE_KEY_JWT
					: ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
		if (document.grantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN.getValue())) {
			// only a client that declares refresh_token gets refresh tokens (RFC 7591 §2 grant_types)
			builder.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
		}
		return builder.redirectUris((uris) -> uris.addAll(document.redirectUris()))
			.scopes((s) -> s.addAll(this.scopes))
			.clientSettings(clientSettings.build())
			.tokenSettings(this.tokenSettings)
			.build();
	}

}
