package dev.mcpauth.oauth2.server.resource.jwt;

import java.io.IOException;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * When the rate limit refuses a JWKS fetch, answers with the key set already known instead of failing. A token whose
 * {@code kid} is in it still validates; one with a made-up {@code kid} is refused as an invalid token (401), which is
 * what it is. Without this, callers burning the fetch budget with made-up key ids would make valid tokens fail
 * whenever the cache happens to expire.
 */
final class KnownKeysWhenRateLimited implements JWKSetSource<SecurityContext> {

	private final JWKSetSource<SecurityContext> rateLimited;

	private volatile JWKSet lastFetched;

	KnownKeysWhenRateLimited(JWKSetSource<SecurityContext> rateLimited) {
		this.rateLimited = rateLimited;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		try {
			JWKSet fetched = this.rateLimited.getJWKSet(refreshEvaluator, currentTime, context);
			this.lastFetched = fetched;
			return fetched;
		}
		catch (RateLimitReachedException ex) {
			JWKSet known = this.lastFetched;
			if (known == null) {
				throw ex;
			}
			return known;
		}
	}

	@Override
	public void close() throws IOException {
		this.rateLimited.close();
	}

}
