package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.client.ClientAssertionDecoderFactory;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523) with keys fetched from the client's
 * {@code jwks_uri} through the hardened fetcher, not through Spring's default {@code RestTemplate}.
 *
 * <p>The {@code jwks_uri} comes from a document anyone can publish, so fetching it is the same SSRF exposure as
 * fetching the document itself: CIMD-01 §6.5 says the server "SHOULD NOT fetch any URLs contained within" the
 * document that resolve to special-use addresses. Keys are fetched per assertion (through single flight and
 * stale-if-error); the claim checks are Spring Authorization Server's own
 * ({@link JwtClientAssertionDecoderFactory#DEFAULT_JWT_VALIDATOR_FACTORY}: {@code iss} = {@code sub} = client id,
 * {@code aud} = this server, {@code exp}).
 */
public final class HardenedClientAssertionDecoderFactory implements JwtDecoderFactory<RegisteredClient> {

	private final ClientIdMetadataDocumentFetcher fetcher;

	public HardenedClientAssertionDecoderFactory(ClientIdMetadataDocumentFetcher fetcher) {
		this.fetcher = fetcher;
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		String jwkSetUrl = client.getClientSettings().getJwkSetUrl();
		if (jwkSetUrl == null || jwkSetUrl.isBlank()) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
					"The client has no JWK Set URL to verify its assertion with", null));
		}
		JwsAlgorithm algorithm = client.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm();
		// CIMD clients are registered with RS256; clients from configuration name none and may use any asymmetric
		// algorithm their keys support
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keysAt(jwkSetUrl))
			.jwsAlgorithms((algorithms) -> {
				if (algorithm instanceof SignatureAlgorithm signature) {
					algorithms.add(signature);
				}
				else {
					algorithms.addAll(ClientAssertionDecoderFactory.ALGORITHMS);
				}
			})
			.build();
		decoder.setJwtValidator(JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client));
		return decoder;
	}

	private JWKSource<SecurityContext> keysAt(String jwkSetUrl) {
		return (selector, context) -> {
			try {
				byte[] body = this.fetcher.fetch(jwkSetUrl).body();
				return selector.select(JWKSet.parse(new String(body, StandardCharsets.UTF_8)));
			}
			catch (ClientIdMetadataDocumentException | ParseException ex) {
				throw new KeySourceException("The client's JWK Set could not be used: " + ex.getMessage(), ex);
			}
		};
	}

}
