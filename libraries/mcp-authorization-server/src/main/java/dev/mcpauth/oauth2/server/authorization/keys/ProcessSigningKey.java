package dev.mcpauth.oauth2.server.authorization.keys;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The RS256 signing key: one RSA 2048 key generated at start-up and kept for the life of the process. Its
 * {@code kid} is the RFC 7638 thumbprint, published with the public key at the JWKS endpoint so resource servers
 * pick the right key. Tokens do not survive a restart; a deployment that needs that loads a key from a keystore
 * and exposes it as its own {@link JWKSource} bean.
 */
public final class ProcessSigningKey {

	private ProcessSigningKey() {
	}

	public static JWKSource<SecurityContext> generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keyPair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
				.privateKey((RSAPrivateKey) keyPair.getPrivate())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint()
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}
		catch (NoSuchAlgorithmException | JOSEException ex) {
			throw new IllegalStateException("Cannot generate the RSA signing key", ex);
		}
	}

}
