package dev.mcpauth.oauth2.server.authorization.resource;

import java.util.function.Consumer;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * Authorization endpoint: the request must name one configured resource (RFC 8707 §2, checklist AS-30, AS-31).
 * It runs after the redirect URI check, so the {@code invalid_target} error goes back to the client's (verified)
 * redirect URI with its {@code state}, as RFC 6749 §4.1.2.1 prescribes for errors other than a bad client or
 * redirect URI. The accepted value stays in the stored authorization request, which binds it to the grant.
 */
public final class ResourceIndicatorValidator
		implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private final ProtectedResources protectedResources;

	public ResourceIndicatorValidator(ProtectedResources protectedResources) {
		this.protectedResources = protectedResources;
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		try {
			this.protectedResources.requireKnown(request.getAdditionalParameters());
		}
		catch (ProtectedResources.InvalidTargetException ex) {
			String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
					: context.getRegisteredClient().getRedirectUris().iterator().next();
			var result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
					request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
					redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters());
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(ex.toError(), result);
		}
	}

}
