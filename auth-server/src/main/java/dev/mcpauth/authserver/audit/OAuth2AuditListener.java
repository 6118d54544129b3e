package dev.mcpauth.authserver.audit;

import dev.mcpauth.authserver.metrics.ClientKind;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.security.AbstractAuthenticationAuditListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;

/**
 * Turns Spring Security's authentication events into audit events: login success and failure (form login),
 * consent granted and denied, token issued, client registered. Replaces Boot's default listener, which would
 * record request details (including the session id) for every client authentication at the token endpoint.
 */
public final class OAuth2AuditListener extends AbstractAuthenticationAuditListener {

	@Override
	public void onApplicationEvent(AbstractAuthenticationEvent event) {
		Authentication authentication = event.getAuthentication();
		if (event instanceof AbstractAuthenticationFailureEvent failure) {
			onFailure(authentication, failure);
		}
		else if (event.getClass() == AuthenticationSuccessEvent.class) {
			onSuccess(authentication);
		}
	}

	private void onSuccess(Authentication result) {
		if (result instanceof UsernamePasswordAuthenticationToken) {
			audit(result.getName(), AuditEventTypes.LOGIN_SUCCESS, AuditData.of().withRemoteAddress());
		}
		else if (result instanceof OAuth2AccessTokenAuthenticationToken token) {
			var client = token.getRegisteredClient();
			audit(client.getClientId(), AuditEventTypes.TOKEN_ISSUED, AuditData.of()
				.with("client_id", client.getClientId())
				.with("client_kind", ClientKind.of(client).tag())
				.with("grant_type", CurrentRequest.grantType())
				.with("scope", token.getAccessToken().getScopes())
				.with("refresh_token_issued", token.getRefreshToken() != null)
				.withRemoteAddress());
		}
		else if (result instanceof OAuth2AuthorizationCodeRequestAuthenticationToken authorization
				&& authorization.getAuthorizationCode() != null && CurrentRequest.isConsentDecision()) {
			audit(userOf(authorization.getPrincipal()), AuditEventTypes.CONSENT_GRANTED, AuditData.of()
				.with("client_id", authorization.getClientId())
				.with("scope", authorization.getScopes())
				.withRemoteAddress());
		}
		else if (result instanceof OAuth2ClientRegistrationAuthenticationToken registration
				&& registration.getClientRegistration() != null
				&& registration.getClientRegistration().getClientId() != null) {
			OAuth2ClientRegistration client = registration.getClientRegistration();
			audit(client.getClientId(), AuditEventTypes.CLIENT_REGISTERED, AuditData.of()
				.with("client_id", client.getClientId())
				.with("client_kind", ClientKind.DCR.tag())
				.with("client_name", client.getClientName())
				.with("redirect_uris", client.getRedirectUris())
				.withRemoteAddress());
		}
	}

	private void onFailure(Authentication request, AbstractAuthenticationFailureEvent failure) {
		if (request instanceof UsernamePasswordAuthenticationToken) {
			// the name the user typed; the password is never read
			audit(request.getName(), AuditEventTypes.LOGIN_FAILURE,
					AuditData.of().with("error", failure.getException().getClass().getSimpleName()).withRemoteAddress());
		}
		else if (request instanceof OAuth2AuthorizationConsentAuthenticationToken consent
				&& failure.getException() instanceof OAuth2AuthenticationException ex
				&& OAuth2ErrorCodes.ACCESS_DENIED.equals(ex.getError().getErrorCode())) {
			audit(userOf(consent.getPrincipal()), AuditEventTypes.CONSENT_DENIED,
					AuditData.of().with("client_id", consent.getClientId()).withRemoteAddress());
		}
	}

	private static String userOf(Object principal) {
		return (principal instanceof Authentication user) ? user.getName() : "anonymous";
	}

	private void audit(String principal, String type, AuditData data) {
		publish(new AuditEvent(principal, type, data.toMap()));
	}

}
