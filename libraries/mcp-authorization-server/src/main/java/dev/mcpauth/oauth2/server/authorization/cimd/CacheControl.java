package dev.mcpauth.oauth2.server.authorization.cimd;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads the freshness lifetime a publisher allows from a {@code Cache-Control} response header (RFC 9111 §5.2.2).
 */
public final class CacheControl {

	private CacheControl() {
	}

	/**
	 * @param header the header value, or {@code null}
	 * @return {@code max-age} as a duration; {@link Duration#ZERO} for {@code no-store}, {@code no-cache} or
	 * {@code private}-less zero ages; {@code null} when the header says nothing about freshness
	 */
	public static Duration maxAge(String header) {
		if (header == null) {
			return null;
		}
		Duration maxAge = null;
		for (String directive : header.split(",")) {
			String d = directive.trim().toLowerCase(Locale.ROOT);
			if (d.equals("no-store") || d.equals("no-cache")) {
				return Duration.ZERO;
			}
			if (d.startsWith("max-age=")) {
				String value = d.substring("max-age=".length()).replace("\"", "");
				try {
					long seconds = Long.parseLong(value);
					maxAge = Duration.ofSeconds(Math.max(0, seconds));
				}
				catch (NumberFormatException ex) {
					// RFC 9111 §4.2.1: an invalid max-age makes the response stale
					maxAge = Duration.ZERO;
				}
			}
		}
		return maxAge;
	}

}
