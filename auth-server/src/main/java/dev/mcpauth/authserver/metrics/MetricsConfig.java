package dev.mcpauth.authserver.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The authorization server's meters and the listeners and decorators that feed them.
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

	/** Innermost at both fetch layers (before the rate limit decorator). */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	CimdFetchMetrics cimdFetchMetrics(AuthorizationServerMetrics metrics) {
		return new CimdFetchMetrics(metrics);
	}

	/** Observes the client repository for cache hits of the CIMD resolver (see {@link CimdFetchMetrics}). */
	@Bean
	static BeanPostProcessor cimdResolutionObserver(ObjectProvider<CimdFetchMetrics> metrics) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof RegisteredClientRepository repository)
						? metrics.getObject().observe(repository) : bean;
			}
		};
	}

}
