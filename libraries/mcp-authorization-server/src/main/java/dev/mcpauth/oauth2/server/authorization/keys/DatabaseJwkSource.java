package dev.mcpauth.oauth2.server.authorization.keys;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The signing keys as the authorization server uses them: the JWKS endpoint publishes every key of the current
 * {@link JWKSet} (the active one, the next one, the retired ones not yet removed), public parts only; the token
 * encoder signs with the only key that has its private part, the active one ({@link #signingKey(List)}).
 * {@link SigningKeyRotation} replaces the set whenever it reloads the keys from the database.
 */
public final class DatabaseJwkSource implements JWKSource<SecurityContext> {

	private volatile JWKSet keys = new JWKSet();

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(this.keys);
	}

	/** The keys now published, the active one (with its private key) first. */
	public JWKSet keys() {
		return this.keys;
	}

	void replace(JWKSet keys) {
		this.keys = keys;
	}

	/**
	 * For {@code NimbusJwtEncoder#setJwkSelector}: of several keys matching the JWS header, the one that can sign
	 * (the only one with a private key here); the first one if none or several have one.
	 */
	public static JWK signingKey(List<JWK> candidates) {
		return candidates.stream().filter(JWK::isPrivate).findFirst().orElse(candidates.get(0));
	}

}
