package dev.mcpauth.oauth2.server.authorization.client;

import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationProvider;

/**
 * Gives the {@link ClientSecretEncoder} to the providers Spring Authorization Server creates for client secrets, and
 * to nothing else: {@link ClientSecretAuthenticationProvider} ({@code client_secret_basic} and
 * {@code client_secret_post}, which also re-encodes a secret after a successful authentication) and the RFC 7591
 * and OpenID Connect registration providers (which encode the secrets they generate). It is deliberately not a
 * {@code PasswordEncoder} bean: Spring Security would use that one for user login too, and user passwords keep
 * their slow hash.
 */
public final class ClientSecretProviders {

	private ClientSecretProviders() {
	}

	/** Registers the post-processors on the authorization server configurer (they apply to its sub-configurers). */
	public static void apply(OAuth2AuthorizationServerConfigurer authorizationServer, ClientSecretEncoder encoder) {
		authorizationServer.withObjectPostProcessor(new ObjectPostProcessor<ClientSecretAuthenticationProvider>() {
			@Override
			public <O extends ClientSecretAuthenticationProvider> O postProcess(O provider) {
				provider.setPasswordEncoder(encoder);
				return provider;
			}
		})
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2ClientRegistrationAuthenticationProvider>() {
				@Override
				public <O extends OAuth2ClientRegistrationAuthenticationProvider> O postProcess(O provider) {
					provider.setPasswordEncoder(encoder);
					return provider;
				}
			})
			.withObjectPostProcessor(new ObjectPostProcessor<OidcClientRegistrationAuthenticationProvider>() {
				@Override
				public <O extends OidcClientRegistrationAuthenticationProvider> O postProcess(O provider) {
					provider.setPasswordEncoder(encoder);
					return provider;
				}
			});
	}

}
