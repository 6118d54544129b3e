package dev.mcpauth.oauth2.server.authorization.dpop;

import java.util.Map;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * Refresh tokens of public clients are bound to the DPoP key of their grant (RFC 9449 §5). Spring compares the
 * key when the refresh request carries a proof ({@code invalid_dpop_proof} for another key), but accepts a refresh
 * request of a public client without any proof and then issues a Bearer token: with this provider around the
 * refresh provider, such a request is refused with {@code invalid_dpop_proof} when the grant's access token is
 * DPoP-bound. Confidential clients' refresh tokens stay bound to the client authentication only (RFC 9449 §5).
 */
public final class DPoPBoundRefreshTokens implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizationService;

	public DPoPBoundRefreshTokens(AuthenticationProvider delegate, OAuth2AuthorizationService authorizationService) {
		this.delegate = delegate;
		this.authorizationService = authorizationService;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		if (authentication instanceof OAuth2RefreshTokenAuthenticationToken refresh
				&& refresh.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())
				&& !(refresh.getAdditionalParameters().get("dpop_proof") instanceof String proof
						&& StringUtils.hasText(proof))) {
			OAuth2Authorization authorization = this.authorizationService.findByToken(refresh.getRefreshToken(),
					OAuth2TokenType.REFRESH_TOKEN);
			if (authorization != null && isDPoPBound(authorization.getAccessToken())) {
				throw new OAuth2AuthenticationException(new OAuth2Error(DPoPTokenRequestFilter.INVALID_DPOP_PROOF,
						"The refresh token is bound to a DPoP key: a DPoP proof signed with it is required", null));
			}
		}
		return this.delegate.authenticate(authentication);
	}

	private static boolean isDPoPBound(OAuth2Authorization.Token<OAuth2AccessToken> accessToken) {
		if (accessToken == null) {
			return false;
		}
		if (OAuth2AccessToken.TokenType.DPOP.equals(accessToken.getToken().getTokenType())) {
			return true;
		}
		Map<String, Object> claims = accessToken.getClaims();
		return claims != null && claims.get("cnf") instanceof Map<?, ?> cnf && cnf.get("jkt") != null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
