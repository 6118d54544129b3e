package dev.mcpauth.authserver.durable;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A decoder built like the resource server's ({@code resource-server}'s {@code AccessTokenDecoderConfig}): RS256
 * only, the JWKS cached, fetched again on an unknown {@code kid} or when the cache expires, with a rate limit on
 * fetches; issuer and expiry checked. The intervals are given so a test can scale them down with the
 * authorization server's {@code publish-ahead}. Counts the JWKS fetches it makes.
 */
final class ResourceServerStyleDecoder {

	private ResourceServerStyleDecoder() {
	}

	static JwtDecoder create(String jwksUri, String issuer, Duration cacheTtl, Duration minRefetchInterval,
			AtomicInteger fetches) {
		DefaultResourceRetriever retriever = new DefaultResourceRetriever(2_000, 5_000, 64 * 1024) {
			@Override
			public Resource retrieveResource(java.net.URL url) throws java.io.IOException {
				fetches.incrementAndGet();
				return super.retrieveResource(url);
			}
		};
		try {
			JWKSetSource<SecurityContext> fetch = new URLBasedJWKSetSource<>(URI.create(jwksUri).toURL(), retriever);
			JWKSetSource<SecurityContext> limited = new RateLimitedJWKSetSource<>(fetch, minRefetchInterval.toMillis(),
					null);
			NimbusJwtDecoder decoder = NimbusJwtDecoder
				.withJwkSource(new JWKSetBasedJWKSource<>(
						new CachingJWKSetSource<>(limited, cacheTtl.toMillis(), 7_000, null)))
				.jwsAlgorithm(SignatureAlgorithm.RS256)
				.build();
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
					new JwtIssuerValidator(issuer)));
			return decoder;
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
