package dev.mcpauth.authserver.ratelimit;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.cimd.FetchedDocument;

/**
 * Limits network fetches of Client ID Metadata Documents (and {@code jwks_uri} key sets) per host, so that one
 * authorization server cannot be used to hammer a third party's host with requests for ever new {@code client_id}
 * paths (SEP-991 "rate limit outbound requests"). Wraps the network fetcher, under the caches: cached documents
 * cost nothing.
 */
public final class HostRateLimitedFetcher implements ClientIdMetadataDocumentFetcher {

	static final String LIMIT = "cimd_fetch";

	private final ClientIdMetadataDocumentFetcher delegate;

	private final RateLimiter limiter;

	private final RateLimitProperties.Limit limit;

	public HostRateLimitedFetcher(ClientIdMetadataDocumentFetcher delegate, RateLimiter limiter,
			RateLimitProperties.Limit limit) {
		this.delegate = delegate;
		this.limiter = limiter;
		this.limit = limit;
	}

	@Override
	public FetchedDocument fetch(String clientId) {
		Duration wait = this.limiter.tryConsume(LIMIT, host(clientId), this.limit);
		if (wait != null) {
			throw new TooManyRequestsException(LIMIT, wait);
		}
		return this.delegate.fetch(clientId);
	}

	private static String host(String url) {
		try {
			String host = URI.create(url).getHost();
			return (host != null) ? host.toLowerCase(Locale.ROOT) : "";
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

}
