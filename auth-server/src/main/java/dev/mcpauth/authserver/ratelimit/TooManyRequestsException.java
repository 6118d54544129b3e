package dev.mcpauth.authserver.ratelimit;

import java.time.Duration;

/**
 * Thrown deep inside request processing (a Client ID Metadata Document fetch) when a limit is exceeded; the
 * {@link RateLimitFilter} around the whole request turns it into a 429 response. Deliberately not a
 * {@code ClientIdMetadataDocumentException}: the fetch was not attempted, so the client's document must not be
 * reported invalid and nothing may be cached.
 */
public final class TooManyRequestsException extends RuntimeException {

	private final String limit;

	private final Duration retryAfter;

	public TooManyRequestsException(String limit, Duration retryAfter) {
		super("rate limit " + limit + " exceeded", null, false, false);
		this.limit = limit;
		this.retryAfter = retryAfter;
	}

	public String limit() {
		return this.limit;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
