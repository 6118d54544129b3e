package dev.mcpauth.authserver.audit;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Records every removal of a stored consent: Spring Authorization Server removes it when the user denies a new
 * consent request of a client they had consented to before, and an account page or an administrator would call
 * {@link #remove} as well.
 */
public final class ConsentRevocationAuditing implements OAuth2AuthorizationConsentService {

	private final OAuth2AuthorizationConsentService delegate;

	private final RegisteredClientRepository clients;

	private final ApplicationEventPublisher events;

	public ConsentRevocationAuditing(OAuth2AuthorizationConsentService delegate, RegisteredClientRepository clients,
			ApplicationEventPublisher events) {
		this.delegate = delegate;
		this.clients = clients;
		this.events = events;
	}

	@Override
	public void save(OAuth2AuthorizationConsent authorizationConsent) {
		this.delegate.save(authorizationConsent);
	}

	@Override
	public void remove(OAuth2AuthorizationConsent authorizationConsent) {
		this.delegate.remove(authorizationConsent);
		var client = this.clients.findById(authorizationConsent.getRegisteredClientId());
		this.events.publishEvent(new AuditApplicationEvent(new AuditEvent(authorizationConsent.getPrincipalName(),
				AuditEventTypes.CONSENT_REVOKED,
				AuditData.of()
					.with("client_id", (client != null) ? client.getClientId() : null)
					.with("scope", authorizationConsent.getScopes())
					.withRemoteAddress()
					.toMap())));
	}

	@Override
	public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		return this.delegate.findById(registeredClientId, principalName);
	}

}
