package dev.mcpauth.oauth2.server.authorization.redirect;

import java.util.function.Consumer;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

/**
 * Replaces Spring Authorization Server's redirect URI check with {@link RedirectUriMatcher}, which also grants the
 * any-port rule to {@code localhost}. A mismatch is never redirected: the error carries no redirect URI, so the
 * user sees an error page (OAuth 2.1 §4.1.2.1, checklist AS-06).
 */
public final class RedirectUriValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		RegisteredClient client = context.getRegisteredClient();
		String requested = request.getRedirectUri();
		if (StringUtils.hasText(requested)) {
			if (!RedirectUriMatcher.matchesAny(client.getRedirectUris(), requested)) {
				throw error(request, "The redirect_uri is not registered for this client");
			}
		}
		else if (client.getRedirectUris().size() != 1) {
			// OAuth 2.1 §4.1.1: required unless exactly one is registered
			throw error(request, "The redirect_uri parameter is required for this client");
		}
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationException error(
			OAuth2AuthorizationCodeRequestAuthenticationToken request, String description) {
		var withoutRedirect = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(), null,
				request.getState(), request.getScopes(), request.getAdditionalParameters());
		return new OAuth2AuthorizationCodeRequestAuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null), withoutRedirect);
	}

}
