package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcherDecorator;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.ClientIdMetadataDocumentFetchMetrics;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.HostRateLimitedFetcher;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Operations around Client ID Metadata Document fetches, each only when its library is on the class path:
 * Micrometer meters ({@code mcp.cimd.fetch}, {@code mcp.cimd.resolutions}) and a Bucket4j per-host fetch limit
 * ({@code mcp.authorization-server.cimd.fetch-rate-limit.*}). Both are {@link ClientIdMetadataDocumentFetcherDecorator}s
 * that the main auto-configuration applies to the fetchers it builds.
 */
@AutoConfiguration
@ConditionalOnClass(RegisteredClientRepository.class)
public class CimdFetchOperationsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class FetchMetrics {

		/** Innermost at both fetch layers, so a fetch refused by the rate limit is not timed as a network fetch. */
		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		@ConditionalOnMissingBean
		ClientIdMetadataDocumentFetchMetrics clientIdMetadataDocumentFetchMetrics(
				ObjectProvider<MeterRegistry> registry) {
			return new ClientIdMetadataDocumentFetchMetrics(registry);
		}

		/** Lookups answered from the resolver's cache are seen on the client repository. */
		@Bean
		static BeanPostProcessor clientIdMetadataDocumentCacheHits(
				ObjectProvider<ClientIdMetadataDocumentFetchMetrics> metrics) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof RegisteredClientRepository repository)
							? metrics.getObject().observe(repository) : bean;
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Bucket.class)
	@ConditionalOnProperty(prefix = "mcp.authorization-server.cimd.fetch-rate-limit", name = "enabled",
			matchIfMissing = true)
	@EnableConfigurationProperties(CimdFetchRateLimitProperties.class)
	static class FetchRateLimit {

		/** Declare a {@link TimeMeter} bean to drive the buckets from another clock (tests do). */
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		ClientIdMetadataDocumentFetcherDecorator cimdFetchRateLimit(CimdFetchRateLimitProperties properties,
				ObjectProvider<TimeMeter> time) {
			return new ClientIdMetadataDocumentFetcherDecorator() {
				@Override
				public ClientIdMetadataDocumentFetcher decorateNetworkFetcher(ClientIdMetadataDocumentFetcher fetcher) {
					return new HostRateLimitedFetcher(fetcher, properties.capacity(), properties.period(),
							properties.maxHosts(), time.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME));
				}
			};
		}

	}

}
