package dev.mcpauth.authserver.audit;

import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * A failed OAuth 2.0 request (authorization, consent, token, client authentication, registration). Spring
 * Security's {@code DefaultAuthenticationEventPublisher} maps only its own exception types to events; this event
 * is its default for all others, so OAuth 2.0 errors reach listeners too.
 */
public class OAuth2AuthenticationFailureEvent extends AbstractAuthenticationFailureEvent {

	public OAuth2AuthenticationFailureEvent(Authentication authentication, AuthenticationException exception) {
		super(authentication, exception);
	}

}
