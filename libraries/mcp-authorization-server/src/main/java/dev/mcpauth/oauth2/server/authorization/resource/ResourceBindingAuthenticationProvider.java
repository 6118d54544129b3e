package dev.mcpauth.oauth2.server.authorization.resource;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Token endpoint: enforces the resource bound to the grant before the framework's provider issues a token
 * (RFC 8707 §2.2, checklist AS-32).
 *
 * <ul>
 * <li>{@code authorization_code}: {@code resource} is required and must equal the one authorized;</li>
 * <li>{@code refresh_token}: {@code resource} may be omitted (the grant's resource is used); if sent it must
 * equal the one authorized. A refresh token never reaches another resource.</li>
 * </ul>
 * Unknown codes and refresh tokens are left to the wrapped provider, which answers {@code invalid_grant}.
 */
public final class ResourceBindingAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizationService;

	private final ProtectedResources protectedResources;

	public ResourceBindingAuthenticationProvider(AuthenticationProvider delegate,
			OAuth2AuthorizationService authorizationService, ProtectedResources protectedResources) {
		this.delegate = delegate;
		this.authorizationService = authorizationService;
		this.protectedResources = protectedResources;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		try {
			if (authentication instanceof OAuth2AuthorizationCodeAuthenticationToken codeRequest) {
				String requested = this.protectedResources.requireKnown(codeRequest.getAdditionalParameters());
				requireBound(requested, this.authorizationService.findByToken(codeRequest.getCode(),
						new OAuth2TokenType(OAuth2ParameterNames.CODE)));
			}
			else if (authentication instanceof OAuth2RefreshTokenAuthenticationToken refreshRequest
					&& refreshRequest.getAdditionalParameters().get(ProtectedResources.PARAMETER) != null) {
				String requested = this.protectedResources.requireKnown(refreshRequest.getAdditionalParameters());
				requireBound(requested, this.authorizationService.findByToken(refreshRequest.getRefreshToken(),
						OAuth2TokenType.REFRESH_TOKEN));
			}
		}
		catch (ProtectedResources.InvalidTargetException ex) {
			throw new OAuth2AuthenticationException(ex.toError());
		}
		return this.delegate.authenticate(authentication);
	}

	private static void requireBound(String requested, OAuth2Authorization authorization) {
		if (authorization == null) {
			return;
		}
		if (!requested.equals(ProtectedResources.boundResource(authorization))) {
			throw new ProtectedResources.InvalidTargetException(
					"The resource differs from the one named in the authorization request");
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
