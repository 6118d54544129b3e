package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.time.Duration;

/**
 * Bounds on one metadata document fetch (CIMD-00 §6.5, §6.6; SEP-991 "timeout requests, limit response size").
 *
 * @param connectTimeout how long one TCP connect may take
 * @param totalTimeout how long the whole fetch may take, from the first connect to the last body byte, including
 * the TLS handshake; a server that trickles bytes is cut off here
 * @param maxBytes the largest accepted body (CIMD-00 §6.6 recommends 5 KB)
 */
public record FetchLimits(Duration connectTimeout, Duration totalTimeout, int maxBytes) {

	public static final FetchLimits DEFAULTS = new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), 5120);

	public FetchLimits {
		if (connectTimeout.isNegative() || connectTimeout.isZero() || totalTimeout.isNegative()
				|| totalTimeout.isZero() || maxBytes <= 0) {
			throw new IllegalArgumentException("Fetch limits must be positive");
		}
	}

}
