package dev.mcpauth.authserver.support;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A DPoP client key (EC P-256) that signs RFC 9449 §4.2 proofs: {@code typ=dpop+jwt}, {@code alg=ES256}, the
 * public {@code jwk} in the header, {@code jti}, {@code htm}, {@code htu}, {@code iat}, optionally {@code nonce}.
 */
public final class DPoPProofs {

	private final ECKey key;

	private DPoPProofs(ECKey key) {
		this.key = key;
	}

	public static DPoPProofs generate() {
		try {
			return new DPoPProofs(new ECKeyGenerator(Curve.P_256).generate());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** RFC 7638 SHA-256 thumbprint of the public key, as {@code cnf.jkt} carries it. */
	public String thumbprint() {
		try {
			return this.key.toPublicJWK().computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String proof(String htm, String htu) {
		return proof(htm, htu, null, Instant.now());
	}

	public String proof(String htm, String htu, String nonce) {
		return proof(htm, htu, nonce, Instant.now());
	}

	public String proof(String htm, String htu, String nonce, Instant issuedAt) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", htm)
			.claim("htu", htu)
			.issueTime(Date.from(issuedAt));
		if (nonce != null) {
			claims.claim("nonce", nonce);
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(this.key.toPublicJWK())
			.build(), claims.build());
		try {
			jwt.sign(new ECDSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
