package dev.mcpauth.authserver.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits of the authorization server. Each limit is a token bucket of {@code capacity} requests refilled
 * gradually over {@code period}, kept per client address. Sign-in attempts have their own limit per account and
 * per address ({@code auth-server.ui.login.*}); CIMD fetches per host are the library's
 * ({@code mcp.authorization-server.cimd.fetch-rate-limit.*}).
 *
 * @param enabled whether limits apply at all
 * @param maxTrackedKeys bound on the buckets kept in memory (least recently used are dropped first)
 * @param register {@code POST /oauth2/register} per client address
 * @param authorize {@code /oauth2/authorize} per client address
 * @param token {@code POST /oauth2/token} per client address
 */
@ConfigurationProperties("auth-server.operations.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10000") int maxTrackedKeys,
		Limit register, Limit authorize, Limit token) {

	public RateLimitProperties {
		register = (register != null) ? register : new Limit(20, Duration.ofMinutes(1));
		authorize = (authorize != null) ? authorize : new Limit(120, Duration.ofMinutes(1));
		token = (token != null) ? token : new Limit(120, Duration.ofMinutes(1));
	}

	/**
	 * @param capacity requests allowed in a burst
	 * @param period time in which a spent bucket fills up again
	 */
	public record Limit(int capacity, Duration period) {

		public Limit {
			if (capacity < 1 || period == null || period.isZero() || period.isNegative()) {
				throw new IllegalArgumentException("a rate limit needs a capacity >= 1 and a positive period");
			}
		}

	}

}
