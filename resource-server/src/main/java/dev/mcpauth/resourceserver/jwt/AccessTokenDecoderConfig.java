package dev.mcpauth.resourceserver.jwt;

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
 * algorithm are refused by Nimbus before any claim is looked at.</li>
 * <li>Keys: the JWKS is fetched on first use, cached, and fetched again when a token names an unknown {@code kid}
 * (key rotation), by Nimbus' JWK source behind {@link NimbusJwtDecoder#withJwkSetUri}.</li>
 * <li>Claims: {@code iss} equal to the configured issuer; {@code exp} required and {@code nbf} honoured with a small
 * clock skew; {@code aud} containing the canonical resource URI.</li>
 * </ul>
 * Nothing is derived from the token's own {@code iss} (no discovery through the token), so a token cannot point the
 * server at another key set.
 */
@Configuration(proxyBeanMethods = false)
public class AccessTokenDecoderConfig {

	@Bean
	JwtDecoder jwtDecoder(ResourceServerProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
				new JwtIssuerValidator(properties.issuer()), new AudienceValidator(properties.resource())));
		return decoder;
	}

}
