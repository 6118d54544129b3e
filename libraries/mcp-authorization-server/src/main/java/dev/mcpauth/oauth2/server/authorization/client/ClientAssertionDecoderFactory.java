package dev.mcpauth.oauth2.server.authorization.client;

import java.text.ParseException;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523 §3) of clients whose public keys are stored with
 * the registration ({@link #JWKS_SETTING}, a JSON JWK Set): no fetch happens for them. Every other client's keys
 * come from its {@code jwk-set-uri} through the delegate (the hardened fetcher). The claim checks are Spring's
 * ({@code iss} = {@code sub} = client id, {@code aud} = this server, {@code exp}).
 */
public final class ClientAssertionDecoderFactory implements JwtDecoderFactory<RegisteredClient> {

	/** The client setting holding an inline JWK Set (JSON). */
	public static final String JWKS_SETTING = "settings.client.mcp.jwks";

	/** The asymmetric algorithms accepted for assertions verified with inline keys. */
	public static final List<SignatureAlgorithm> ALGORITHMS = List.of(SignatureAlgorithm.RS256,
			SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.PS256, SignatureAlgorithm.PS384,
			SignatureAlgorithm.PS512, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384, SignatureAlgorithm.ES512);

	private final JwtDecoderFactory<RegisteredClient> delegate;

	public ClientAssertionDecoderFactory(JwtDecoderFactory<RegisteredClient> delegate) {
		this.delegate = delegate;
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		Object jwks = client.getClientSettings().getSetting(JWKS_SETTING);
		if (!(jwks instanceof String json) || json.isBlank()) {
			return this.delegate.createDecoder(client);
		}
		JWKSet keys;
		try {
			keys = JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
					"The client's registered JWK Set is not valid", null));
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(keys))
			.jwsAlgorithms((algorithms) -> algorithms.addAll(ALGORITHMS))
			.build();
		decoder.setJwtValidator(JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client));
		return decoder;
	}

}
