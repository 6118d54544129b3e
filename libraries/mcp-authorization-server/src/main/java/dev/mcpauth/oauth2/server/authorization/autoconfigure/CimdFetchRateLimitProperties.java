package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-host limit on Client ID Metadata Document and {@code jwks_uri} fetches (Bucket4j, when it is on the
 * class path). Exceeded: the request that needed the fetch gets 429 with {@code Retry-After}.
 *
 * @param enabled whether fetches are limited per host
 * @param capacity fetches allowed per host in a burst
 * @param period time in which a spent bucket fills up again
 * @param maxHosts bound on the hosts remembered (least recently used dropped)
 */
@ConfigurationProperties("mcp.authorization-server.cimd.fetch-rate-limit")
public record CimdFetchRateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("30") int capacity,
		@DefaultValue("1m") Duration period, @DefaultValue("10000") int maxHosts) {
}
