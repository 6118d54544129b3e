package dev.mcpauth.authserver.metrics;

import dev.mcpauth.authserver.audit.CurrentRequest;
import dev.mcpauth.authserver.audit.OAuth2AuthenticationFailureEvent;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;

/**
 * Counts tokens, token errors and registrations from Spring Security's authentication events, which
 * Spring Authorization Server's endpoints publish through the {@code AuthenticationEventPublisher}.
 */
public final class OAuth2EventMetrics {

	private final AuthorizationServerMetrics metrics;

	public OAuth2EventMetrics(AuthorizationServerMetrics metrics) {
		this.metrics = metrics;
	}

	@EventListener
	public void onSuccess(AuthenticationSuccessEvent event) {
		Authentication result = event.getAuthentication();
		if (result instanceof OAuth2AccessTokenAuthenticationToken token) {
			this.metrics.tokenIssued(CurrentRequest.grantType(), ClientKind.of(token.getRegisteredClient()));
		}
		else if (result instanceof OAuth2ClientRegistrationAuthenticationToken registration
				&& registration.getClientRegistration() != null
				&& registration.getClientRegistration().getClientId() != null) {
			this.metrics.clientRegistered();
		}
	}

	@EventListener
	public void onFailure(OAuth2AuthenticationFailureEvent event) {
		if (!(event.getException() instanceof OAuth2AuthenticationException failure)) {
			return;
		}
		String error = failure.getError().getErrorCode();
		Authentication request = event.getAuthentication();
		if (request instanceof OAuth2AuthorizationGrantAuthenticationToken grant) {
			this.metrics.tokenError(grant.getGrantType().getValue(), error);
		}
	}

}
