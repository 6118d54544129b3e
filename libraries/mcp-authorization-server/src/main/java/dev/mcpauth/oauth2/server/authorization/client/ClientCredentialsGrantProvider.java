package dev.mcpauth.oauth2.server.authorization.client;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.mcpauth.oauth2.server.authorization.resource.ProtectedResources;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The client credentials grant (RFC 6749 §4.4) with the MCP rules, around Spring's
 * {@link OAuth2ClientCredentialsAuthenticationProvider}; the checks run in this order:
 *
 * <ol>
 * <li>grant not enabled: {@code unsupported_grant_type} (RFC 6749 §5.2);</li>
 * <li>a public client (authenticated with {@code none}) or one not registered for the grant:
 * {@code unauthorized_client} (RFC 6749 §4.4: "MUST only be used by confidential clients"; §5.2 "not authorized
 * to use this authorization grant type"); a client that cannot authenticate at all never gets here, it is
 * {@code invalid_client} with 401;</li>
 * <li>{@code resource} missing, repeated or not configured: {@code invalid_target} (RFC 8707 §2, checklist AS-30,
 * AS-31); the token's {@code aud} is that resource, as for the code grant;</li>
 * <li>no {@code scope}: the default scopes the client may have (RFC 6749 §3.3); scopes beyond the client's:
 * {@code invalid_scope} (Spring's validator).</li>
 * </ol>
 * Spring then issues the access token (DPoP-bound when a proof came with the request) and no refresh token.
 */
public final class ClientCredentialsGrantProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final boolean enabled;

	private final ProtectedResources protectedResources;

	private final Set<String> defaultScopes;

	public ClientCredentialsGrantProvider(AuthenticationProvider delegate, boolean enabled,
			ProtectedResources protectedResources, Set<String> defaultScopes) {
		this.delegate = delegate;
		this.enabled = enabled;
		this.protectedResources = protectedResources;
		this.defaultScopes = Set.copyOf(defaultScopes);
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		OAuth2ClientCredentialsAuthenticationToken request = (OAuth2ClientCredentialsAuthenticationToken) authentication;
		if (!this.enabled) {
			throw error(OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE, "The client credentials grant is not offered");
		}
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
				|| client.getRegisteredClient() == null) {
			throw error(OAuth2ErrorCodes.INVALID_CLIENT, null);
		}
		RegisteredClient registeredClient = client.getRegisteredClient();
		if (ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())
				|| !registeredClient.getAuthorizationGrantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS)) {
			throw error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"The client is not allowed to use the client credentials grant");
		}
		try {
			this.protectedResources.requireKnown(request.getAdditionalParameters());
		}
		catch (ProtectedResources.InvalidTargetException ex) {
			throw new OAuth2AuthenticationException(ex.toError());
		}
		if (request.getScopes().isEmpty()) {
			Set<String> scopes = new LinkedHashSet<>(this.defaultScopes);
			scopes.retainAll(registeredClient.getScopes());
			request = new OAuth2ClientCredentialsAuthenticationToken(client, scopes, request.getAdditionalParameters());
		}
		return this.delegate.authenticate(request);
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientCredentialsAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
