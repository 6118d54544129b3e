package dev.mcpauth.oauth2.server.authorization.scope;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Gives an authorization request without {@code scope} the configured default scopes. OAuth 2.1 §1.4.1: the
 * server "MUST either process the request using a pre-defined default value or fail the request"; MCP clients
 * omit {@code scope} when the resource publishes no {@code scopes_supported}, so a default keeps them working.
 * The token response then carries {@code scope}, since it differs from the (empty) request (OAuth 2.1 §3.2.3).
 */
public final class DefaultScopeAuthorizationRequestConverter implements AuthenticationConverter {

	private final AuthenticationConverter delegate = new OAuth2AuthorizationCodeRequestAuthenticationConverter();

	private final Set<String> defaultScopes;

	public DefaultScopeAuthorizationRequestConverter(Set<String> defaultScopes) {
		this.defaultScopes = Set.copyOf(defaultScopes);
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication authentication = this.delegate.convert(request);
		if (authentication instanceof OAuth2AuthorizationCodeRequestAuthenticationToken codeRequest
				&& codeRequest.getScopes().isEmpty() && !codeRequest.getAdditionalParameters().containsKey("request_uri")) {
			return new OAuth2AuthorizationCodeRequestAuthenticationToken(codeRequest.getAuthorizationUri(),
					codeRequest.getClientId(), (Authentication) codeRequest.getPrincipal(), codeRequest.getRedirectUri(),
					codeRequest.getState(), this.defaultScopes, codeRequest.getAdditionalParameters());
		}
		return authentication;
	}

}
