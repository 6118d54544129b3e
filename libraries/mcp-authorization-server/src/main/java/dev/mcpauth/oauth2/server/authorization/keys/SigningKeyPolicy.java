package dev.mcpauth.oauth2.server.authorization.keys;

import java.time.Duration;

/**
 * The timing of {@link SigningKeyRotation}.
 *
 * @param rotationInterval how long a key signs before the next one takes over
 * @param publishAhead how long a new key is published before it signs; at least the resource servers' JWKS cache
 * time, and longer than {@code refreshInterval}
 * @param retentionMargin extra time a retired key stays published after access-token TTL + {@code refreshInterval}
 * @param refreshInterval how often every instance reloads the keys and checks for a due rotation or removal
 */
public record SigningKeyPolicy(Duration rotationInterval, Duration publishAhead, Duration retentionMargin,
		Duration refreshInterval) {

	public SigningKeyPolicy {
		if (publishAhead.compareTo(refreshInterval) <= 0) {
			// an instance that has not reloaded yet would serve a JWKS without the key another instance signs with
			throw new IllegalStateException("mcp.authorization-server.keys.publish-ahead (" + publishAhead
					+ ") must be longer than mcp.authorization-server.keys.refresh-interval (" + refreshInterval + ")");
		}
		if (rotationInterval.compareTo(publishAhead) < 0) {
			throw new IllegalStateException("mcp.authorization-server.keys.rotation-interval (" + rotationInterval
					+ ") must not be shorter than mcp.authorization-server.keys.publish-ahead (" + publishAhead + ")");
		}
	}

	/** 30 days, 10 minutes ahead, 5 minutes margin, reload every 30 seconds. */
	public static SigningKeyPolicy defaults() {
		return new SigningKeyPolicy(Duration.ofDays(30), Duration.ofMinutes(10), Duration.ofMinutes(5),
				Duration.ofSeconds(30));
	}

}
