package dev.mcpauth.oauth2.server.resource.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * A {@link JwtDecoder} that remembers the access tokens its delegate accepted, keyed by the exact token string, so an
 * MCP client that sends the same token on every call pays for the RS256 signature and the claim checks once.
 * <ul>
 * <li>Only tokens the delegate accepted are stored; a refused token is never cached and is checked in full every
 * time.</li>
 * <li>On a hit, {@code exp} and {@code nbf} are checked again with the configured clock skew, and an entry is dropped
 * once the token's {@code exp} has passed, so an expired token is never accepted from the cache. Any other string,
 * even one differing by a character, goes through the delegate.</li>
 * <li>At most {@code maxEntries} tokens: when full, expired entries are dropped; if that frees nothing, the whole
 * cache is emptied (it refills from the next calls).</li>
 * </ul>
 * A signing key removed from the JWK set therefore keeps the tokens it already signed valid here until they expire,
 * as their signature stays valid; the authorization server's access tokens live minutes.
 */
public final class ValidatedTokenCache implements JwtDecoder {

	private final JwtDecoder delegate;

	private final JwtTimestampValidator timestamps;

	private final int maxEntries;

	private final Clock clock;

	private final Map<String, Jwt> validated = new ConcurrentHashMap<>();

	public ValidatedTokenCache(JwtDecoder delegate, Duration clockSkew, int maxEntries) {
		this(delegate, clockSkew, maxEntries, Clock.systemUTC());
	}

	ValidatedTokenCache(JwtDecoder delegate, Duration clockSkew, int maxEntries, Clock clock) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1");
		}
		this.delegate = delegate;
		this.maxEntries = maxEntries;
		this.clock = clock;
		this.timestamps = new JwtTimestampValidator(clockSkew);
		this.timestamps.setAllowEmptyExpiryClaim(false);
		this.timestamps.setClock(clock);
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		if (token == null) {
			throw new BadJwtException("No token");
		}
		Jwt cached = this.validated.get(token);
		if (cached != null) {
			if (isLive(cached, this.clock.instant())) {
				OAuth2TokenValidatorResult result = this.timestamps.validate(cached);
				if (!result.hasErrors()) {
					return cached;
				}
			}
			this.validated.remove(token, cached);
		}
		Jwt jwt = this.delegate.decode(token);
		if (isLive(jwt, this.clock.instant())) {
			store(token, jwt);
		}
		return jwt;
	}

	int size() {
		return this.validated.size();
	}

	private void store(String token, Jwt jwt) {
		if (this.validated.size() >= this.maxEntries) {
			Instant now = this.clock.instant();
			this.validated.values().removeIf((entry) -> !isLive(entry, now));
			if (this.validated.size() >= this.maxEntries) {
				this.validated.clear();
			}
		}
		this.validated.put(token, jwt);
	}

	/** An entry never outlives the token's {@code exp}. */
	private static boolean isLive(Jwt jwt, Instant now) {
		Instant expiresAt = jwt.getExpiresAt();
		return expiresAt != null && now.isBefore(expiresAt);
	}

}
