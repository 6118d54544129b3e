package dev.mcpauth.oauth2.server.resource.jwt;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.mcpauth.oauth2.server.resource.autoconfigure.McpResourceServerProperties;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The access token decoder (checklist RS-07, RS-08, section 5.5).
 *
 * <ul>
 * <li>Signature: RS256 only (what the authorization server signs with); {@code alg: none}, HMAC and every other
 * algorithm are refused before any key is looked up.</li>
 * <li>Keys: the JWKS is fetched on first use and cached; a token naming an unknown {@code kid} (key rotation) makes
 * it fetch again, but at most twice per {@link #MIN_REFETCH_INTERVAL}, so that tokens with made-up key ids cannot
 * turn this server into a load generator against the authorization server. Spring Security's
 * {@code withJwkSetUri} builder switches that rate limit off, hence the key source built here. While fetches fail,
 * the last good key set stays in use for a while; with no key set at all the caller gets 503, not 401 (the token
 * is not at fault).</li>
 * <li>Claims: {@code iss} equal, as a string, to the configured issuer; {@code exp} required and {@code nbf}
 * honoured with a small clock skew; {@code aud} containing the canonical resource URI; {@code sub} present.</li>
 * </ul>
 * Accepted tokens are remembered by their exact string until their {@code exp} ({@link ValidatedTokenCache}, at
 * most {@code mcp.resource-server.token-cache-size}); the
 * time checks run again on every use.
 * <p>
 * Nothing is derived from the token's own {@code iss} (no discovery through the token), so a token cannot point the
 * server at another key set.
 */
public final class AccessTokenDecoders {

	static final Duration CACHE_TTL = Duration.ofMinutes(5);

	static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);

	static final Duration STALE_KEYS_TOLERANCE = Duration.ofMinutes(15);

	private static final int CONNECT_TIMEOUT_MS = 2_000;

	private static final int READ_TIMEOUT_MS = 5_000;

	/** A JWK set is a few kilobytes; anything much larger is not one. */
	private static final int MAX_JWKS_BYTES = 64 * 1024;

	private AccessTokenDecoders() {
	}

	/**
	 * The decoder for the configured resource, issuer and key set, behind a {@link ValidatedTokenCache} of
	 * {@code token-cache-size} entries.
	 * @param properties the resource server's configuration
	 * @return the decoder
	 */
	public static JwtDecoder create(McpResourceServerProperties properties) {
		return create(properties, null);
	}

	/**
	 * As {@link #create(McpResourceServerProperties)}, with the JWK set fetched over TLS with {@code jwkSetTls}.
	 * @param properties the resource server's configuration
	 * @param jwkSetTls socket factory whose trust verifies the JWK set host (e.g. from the SSL bundle named by
	 * {@code mcp.resource-server.jwk-set-ssl-bundle}), or null for the JVM default
	 * @return the decoder
	 */
	public static JwtDecoder create(McpResourceServerProperties properties, SSLSocketFactory jwkSetTls) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(signingKeys(properties.jwkSetUri(), jwkSetTls))
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		// RFC 7519 section 4.1.1: iss is compared as the string the token carries. Spring's default claim converter
		// turns it into a java.net.URL first, whose toString lower-cases the scheme, so "HTTP://…" would pass.
		decoder.setClaimSetConverter(
				MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, AccessTokenDecoders::asString)));
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		// RFC 9068 section 2.2: sub is REQUIRED; MCP sessions are bound to it (checklist RS-11).
		JwtClaimValidator<Object> subject = new JwtClaimValidator<>(JwtClaimNames.SUB,
				(sub) -> sub instanceof String value && !value.isEmpty());
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
				new JwtIssuerValidator(properties.issuer()), new AudienceValidator(properties.resource()), subject));
		return new ValidatedTokenCache(decoder, properties.clockSkew(), properties.tokenCacheSize());
	}

	private static Object asString(Object claim) {
		return claim == null ? null : claim.toString();
	}

	/**
	 * The layers, outermost first: a 5-minute cache; the last good key set, kept for {@link #STALE_KEYS_TOLERANCE}
	 * while fetches fail (authorization server down); the key set already known when the rate limit refuses a fetch
	 * ({@link KnownKeysWhenRateLimited}); the rate limit (two fetches per interval); the HTTP fetch, over TLS with
	 * {@code tls} when it is not null (hostname verification stays {@code HttpsURLConnection}'s default).
	 */
	static JWKSource<SecurityContext> signingKeys(String jwkSetUri, SSLSocketFactory tls) {
		JWKSetSource<SecurityContext> fetch;
		try {
			fetch = new URLBasedJWKSetSource<>(URI.create(jwkSetUri).toURL(),
					new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_JWKS_BYTES, true, tls));
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("Not a URL: " + jwkSetUri, ex);
		}
		JWKSetSource<SecurityContext> limited = new RateLimitedJWKSetSource<>(fetch, MIN_REFETCH_INTERVAL.toMillis(),
				null);
		JWKSetSource<SecurityContext> tolerant = new OutageTolerantJWKSetSource<>(
				new KnownKeysWhenRateLimited(limited), STALE_KEYS_TOLERANCE.toMillis(), null);
		return new JWKSetBasedJWKSource<>(new CachingJWKSetSource<>(tolerant, CACHE_TTL.toMillis(),
				CONNECT_TIMEOUT_MS + READ_TIMEOUT_MS, null));
	}

}
