package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.time.Duration;

/**
 * A document (or key set) fetch refused by the per-host rate limit before any network access. Deliberately not a
 * {@code ClientIdMetadataDocumentException}: the document was not fetched, so it must not be reported invalid and
 * nothing may be cached. {@link FetchRateLimitExceededFilter} turns it into a 429 response.
 */
public final class FetchRateLimitExceededException extends RuntimeException {

	private final Duration retryAfter;

	public FetchRateLimitExceededException(Duration retryAfter) {
		super("client metadata host rate limit exceeded", null, false, false);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
