package dev.mcpauth.authserver.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The rate limiter and its servlet filter, registered ahead of Spring Security's filter chain (order -100) so a
 * refused request costs no authentication work. Declare a {@link TimeMeter} bean to drive the buckets from another
 * clock (tests do).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitConfig {

	/** Spring Security's filter is at -100 (SecurityFilterProperties.DEFAULT_FILTER_ORDER). */
	static final int FILTER_ORDER = -110;

	@Bean
	RateLimiter rateLimiter(RateLimitProperties properties, ObjectProvider<TimeMeter> time) {
		return new RateLimiter(properties.maxTrackedKeys(), time.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME));
	}

	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimiter limiter, RateLimitProperties properties,
			AuthorizationServerSettings settings, ObjectProvider<MeterRegistry> meters) {
		MeterRegistry registry = meters.getIfAvailable();
		RateLimitFilter filter = new RateLimitFilter(limiter, properties, settings, (limit) -> {
			if (registry != null) {
				registry.counter("mcp.auth.rate_limit.rejections", "limit", limit).increment();
			}
		});
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

}
