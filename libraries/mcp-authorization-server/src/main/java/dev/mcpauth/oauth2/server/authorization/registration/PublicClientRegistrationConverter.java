package dev.mcpauth.oauth2.server.authorization.registration;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Turns a validated registration request into a public client: auth method {@code none}, PKCE and consent
 * required, every configured scope (so step-up works as for CIMD clients), the shared token settings.
 *
 * <p>Client ids are {@code mcp-} plus 128 random bits in base64url: never a URL, so they cannot be mistaken for a
 * Client ID Metadata Document (CIMD-01 §6.9, checklist AS-27).
 */
public final class PublicClientRegistrationConverter implements Converter<OAuth2ClientRegistration, RegisteredClient> {

	static final String CLIENT_ID_PREFIX = "mcp-";

	private final SecureRandom random = new SecureRandom();

	private final Set<String> scopes;

	private final TokenSettings tokenSettings;

	public PublicClientRegistrationConverter(Set<String> scopes, TokenSettings tokenSettings) {
		this.scopes = Set.copyOf(scopes);
		this.tokenSettings = tokenSettings;
	}

	@Override
	public RegisteredClient convert(OAuth2ClientRegistration registration) {
		String clientId = newClientId();
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(Instant.now())
			.clientName((registration.getClientName() != null) ? registration.getClientName() : clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUris((uris) -> uris.addAll(registration.getRedirectUris()))
			.scopes((s) -> s.addAll(this.scopes))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.tokenSettings(this.tokenSettings);
		if (registration.getGrantTypes() != null && registration.getGrantTypes().contains("refresh_token")) {
			builder.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
		}
		return builder.build();
	}

	String newClientId() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return CLIENT_ID_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
