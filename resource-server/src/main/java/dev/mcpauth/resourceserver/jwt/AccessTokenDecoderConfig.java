package dev.mcpauth.resourceserver.jwt;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.mcpauth.resourceserver.config.ResourceServerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
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
 * {@code withJwkSetUri} builder switches that rate limit off, hence the Nimbus source built here. A rate-limited or
 * failed fetch is the server's problem, not the token's: the caller gets 503, not 401.</li>
 * <li>Claims: {@code iss} equal to the configured issuer; {@code exp} required and {@code nbf} honoured with a small
 * clock skew; {@code aud} containing the canonical resource URI.</li>
 * </ul>
 * Nothing is derived from the token's own {@code iss} (no discovery through the token), so a token cannot point the
 * server at another key set.
 */
@Configuration(proxyBeanMethods = false)
public class AccessTokenDecoderConfig {

	static final Duration CACHE_TTL = Duration.ofMinutes(5);

	static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);

	private static final int CONNECT_TIMEOUT_MS = 2_000;

	private static final int READ_TIMEOUT_MS = 5_000;

	/** A JWK set is a few kilobytes; anything much larger is not one. */
	private static final int MAX_JWKS_BYTES = 64 * 1024;

	@Bean
	JwtDecoder jwtDecoder(ResourceServerProperties properties) throws MalformedURLException {
		JWKSource<SecurityContext> keys = JWKSourceBuilder
			.<SecurityContext>create(URI.create(properties.jwkSetUri()).toURL(),
					new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_JWKS_BYTES))
			.cache(CACHE_TTL.toMillis(), READ_TIMEOUT_MS + CONNECT_TIMEOUT_MS)
			.refreshAheadCache(false)
			.rateLimited(MIN_REFETCH_INTERVAL.toMillis())
			.build();
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
				new JwtIssuerValidator(properties.issuer()), new AudienceValidator(properties.resource())));
		return decoder;
	}

}
