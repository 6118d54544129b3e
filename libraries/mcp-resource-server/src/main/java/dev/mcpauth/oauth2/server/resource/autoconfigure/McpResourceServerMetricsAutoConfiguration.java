package dev.mcpauth.oauth2.server.resource.autoconfigure;

import java.time.Clock;

import dev.mcpauth.oauth2.server.resource.metrics.ResourceServerMetrics;
import dev.mcpauth.oauth2.server.resource.metrics.StepUpTracker;
import dev.mcpauth.oauth2.server.resource.metrics.TimedJwtDecoder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Micrometer meters of the MCP resource server when the application has a {@link MeterRegistry} (Actuator):
 * bearer challenges by kind, completed step-ups ({@link ResourceServerMetrics}, counted by the filter the
 * {@code McpResourceServerConfigurer} installs when these beans exist) and token validation latency
 * ({@link TimedJwtDecoder} around the application's {@link JwtDecoder} bean).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, JwtDecoder.class })
@ConditionalOnBean(MeterRegistry.class)
public class McpResourceServerMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResourceServerMetrics resourceServerMetrics(MeterRegistry registry) {
		return new ResourceServerMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	StepUpTracker stepUpTracker(ResourceServerMetrics metrics) {
		return new StepUpTracker(metrics, 10_000, Clock.systemUTC());
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
