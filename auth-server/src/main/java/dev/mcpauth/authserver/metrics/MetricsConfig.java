package dev.mcpauth.authserver.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The authorization server's meters and the listeners and filter that feed them (the CIMD fetch meters come
 * with the mcp-authorization-server library).
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfig {

	@Bean
	AuthorizationServerMetrics authorizationServerMetrics(MeterRegistry registry) {
		return new AuthorizationServerMetrics(registry);
	}

	@Bean
	OAuth2EventMetrics oauth2EventMetrics(AuthorizationServerMetrics metrics) {
		return new OAuth2EventMetrics(metrics);
	}

	/** After the rate limit filter (-110), before Spring Security (-100). */
	@Bean
	FilterRegistrationBean<AuthorizationOutcomeFilter> authorizationOutcomeFilter(AuthorizationServerMetrics metrics,
			AuthorizationServerSettings settings) {
		FilterRegistrationBean<AuthorizationOutcomeFilter> registration = new FilterRegistrationBean<>(
				new AuthorizationOutcomeFilter(metrics));
		registration.addUrlPatterns(settings.getAuthorizationEndpoint());
		registration.setOrder(-105);
		return registration;
	}

}
