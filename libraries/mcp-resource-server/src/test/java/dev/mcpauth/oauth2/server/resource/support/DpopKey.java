package dev.mcpauth.oauth2.server.resource.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

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
 * A client's DPoP key in tests (EC P-256, RFC 9449 section 4): its RFC 7638 thumbprint for the token's
 * {@code cnf.jkt}, and proofs for a request, each with a fresh {@code jti}, adjustable claim by claim.
 */
public final class DpopKey {

	private final ECKey key;

	public DpopKey() {
		try {
			this.key = new ECKeyGenerator(Curve.P_256).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return the RFC 7638 SHA-256 thumbprint, the {@code cnf.jkt} of tokens bound to this key */
	public String thumbprint() {
		try {
			return this.key.computeThumbprint("SHA-256").toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return the {@code cnf} claim of a token bound to this key */
	public Map<String, Object> confirmation() {
		return Map.of("jkt", thumbprint());
	}

	/** A valid proof for {@code method} on {@code uri} carrying {@code accessToken}. */
	public String proof(String method, String uri, String accessToken) {
		return proof(method, uri, accessToken, (claims) -> {
		});
	}

	/** A proof whose claims {@code customizer} may change after the valid ones are set. */
	public String proof(String method, String uri, String accessToken, Consumer<JWTClaimsSet.Builder> customizer) {
		return proof(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(this.key.toPublicJWK())
			.build(), method, uri, accessToken, customizer);
	}

	/** A proof with the given header, signed with this key. */
	public String proof(JWSHeader header, String method, String uri, String accessToken,
			Consumer<JWTClaimsSet.Builder> customizer) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", method)
			.claim("htu", uri)
			.issueTime(Date.from(Instant.now()));
		if (accessToken != null) {
			claims.claim("ath", ath(accessToken));
		}
		customizer.accept(claims);
		try {
			SignedJWT jwt = new SignedJWT(header, claims.build());
			jwt.sign(new ECDSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A proof whose protected header is the given JSON, signed over the bytes as they are: for headers that the JOSE
	 * library refuses to build, such as a private key in {@code jwk}.
	 */
	public String proofWithRawHeader(String headerJson, String method, String uri, String accessToken) {
		String payload = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", method)
			.claim("htu", uri)
			.claim("ath", ath(accessToken))
			.issueTime(Date.from(Instant.now()))
			.build()
			.toString();
		String signingInput = base64url(headerJson) + "." + base64url(payload);
		try {
			String signature = new ECDSASigner(this.key)
				.sign(new JWSHeader(JWSAlgorithm.ES256), signingInput.getBytes(StandardCharsets.US_ASCII))
				.toString();
			return signingInput + "." + signature;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/** @return the private key as a JWK, for the "private key in the header" case */
	public ECKey privateJwk() {
		return this.key;
	}

	/** @return base64url(SHA-256(token)), the {@code ath} claim */
	public static String ath(String accessToken) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
