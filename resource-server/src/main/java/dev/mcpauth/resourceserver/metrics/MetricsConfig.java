package dev.mcpauth.resourceserver.metrics;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The resource server's meters and what feeds them.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfig {

	@Bean
	ResourceServerMetrics resourceServerMetrics(MeterRegistry registry) {
		return new ResourceServerMetrics(registry);
	}

	@Bean
	StepUpTracker stepUpTracker(ResourceServerMetrics metrics) {
		return new StepUpTracker(metrics, 10_000, Clock.systemUTC());
	}

	/** Outside Spring Security's filter (order -100), so it sees every challenge the chain writes. */
	@Bean
	FilterRegistrationBean<ChallengeMetricsFilter> challengeMetricsFilter(ResourceServerMetrics metrics,
			StepUpTracker stepUps) {
		FilterRegistrationBean<ChallengeMetricsFilter> registration = new FilterRegistrationBean<>(
				new ChallengeMetricsFilter(metrics, stepUps));
		registration.setOrder(-110);
		return registration;
	}

	@Bean
	static BeanPostProcessor timedJwtDecoder(ObjectProvider<ResourceServerMetrics> metrics) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JwtDecoder decoder && !(bean instanceof TimedJwtDecoder))
						? new TimedJwtDecoder(decoder, metrics.getObject()) : bean;
			}
		};
	}

}
