package dev.mcpauth.authserver.audit;

import java.time.Clock;

import dev.mcpauth.authserver.metrics.AuthorizationServerMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Audit events: Spring Security's authentication events (with OAuth 2.0 failures included), Boot's audit
 * listener machinery, and a repository that writes each event as a JSON log line.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

	/** Replaces Boot's default so that OAuth 2.0 errors, which it maps to no event, are published too. */
	@Bean
	AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
		DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
		publisher.setDefaultAuthenticationFailureEvent(OAuth2AuthenticationFailureEvent.class);
		return publisher;
	}

	@Bean
	AuditEventRepository auditEventRepository() {
		return new StructuredLogAuditEventRepository(1000);
	}

	@Bean
	OAuth2AuditListener oauth2AuditListener() {
		return new OAuth2AuditListener();
	}

	@Bean
	ReplayDetection replayDetection(OAuth2AuthorizationService authorizations, AuthorizationServerMetrics metrics,
			ApplicationEventPublisher events, TokenSettings tokenSettings) {
		return new ReplayDetection(authorizations, metrics, events, tokenSettings.getRefreshTokenTimeToLive(), 100_000,
				Clock.systemUTC());
	}

	/** Decorates the client repository (CIMD first seen / changed) and the consent service (revocation). */
	@Bean
	static BeanPostProcessor auditingDecorators(ObjectProvider<ApplicationEventPublisher> events,
			ObjectProvider<RegisteredClientRepository> clients) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof RegisteredClientRepository repository) {
					return new CimdClientAuditing(repository, events.getObject());
				}
				if (bean instanceof OAuth2AuthorizationConsentService consents) {
					return new ConsentRevocationAuditing(consents, clients.getObject(), events.getObject());
				}
				return bean;
			}
		};
	}

}
