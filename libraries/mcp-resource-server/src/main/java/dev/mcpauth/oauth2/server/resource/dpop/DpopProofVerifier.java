package dev.mcpauth.oauth2.server.resource.dpop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Checks a DPoP proof against the request it came with and the access token it accompanies (RFC 9449 sections
 * 4.3 and 7.1), in this order: one JWS with {@code typ=dpop+jwt}, an accepted asymmetric {@code alg} and a public
 * {@code jwk} that verifies the signature; {@code htm} the request method; {@code htu} the request URI
 * ({@link DpopTargetUri}); {@code iat} within {@code max-proof-age} (and at most the clock skew ahead); {@code ath}
 * the hash of the access token; the token's {@code cnf.jkt} the RFC 7638 thumbprint of the proof key;
 * {@code nonce} when nonces are required; and last {@code jti} not seen before, so that a refused proof does not
 * use up its {@code jti}.
 */
public final class DpopProofVerifier {

	/** Every algorithm the verifier accepts, advertised in {@code algs} and {@code dpop_signing_alg_values_supported}. */
	public static final List<String> ALGORITHMS = List.of("ES256", "ES384", "ES512", "PS256", "PS384", "PS512",
			"RS256", "RS384", "RS512");

	private static final JOSEObjectType DPOP_JWT = new JOSEObjectType("dpop+jwt");

	private static final int MIN_RSA_BITS = 2048;

	private static final int MAX_JTI_LENGTH = 256;

	private final Duration maxProofAge;

	private final Duration clockSkew;

	private final DpopNonces nonces;

	private final DpopReplayCache replayCache;

	private final Clock clock;

	/**
	 * @param maxProofAge the {@code iat} window
	 * @param clockSkew how far in the future {@code iat} may be
	 * @param nonces the nonces to require, or {@code null} when nonces are not required
	 * @param replayCache the {@code jti} cache
	 * @param clock the clock
	 */
	public DpopProofVerifier(Duration maxProofAge, Duration clockSkew, DpopNonces nonces, DpopReplayCache replayCache,
			Clock clock) {
		this.maxProofAge = maxProofAge;
		this.clockSkew = clockSkew;
		this.nonces = nonces;
		this.replayCache = replayCache;
		this.clock = clock;
	}

	/**
	 * Parses the proof without checking it: a malformed proof is refused before the token is even looked at.
	 * @param proof the {@code DPoP} header value
	 * @return the parsed JWS
	 * @throws DpopAuthenticationException {@code invalid_dpop_proof}
	 */
	static SignedJWT parse(String proof) {
		try {
			return SignedJWT.parse(proof);
		}
		catch (ParseException | RuntimeException ex) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof is not a signed JWT");
		}
	}

	/**
	 * @param proof the parsed proof
	 * @param method the request method
	 * @param expectedHtu the normalized target URI of the request
	 * @param accessToken the access token as sent
	 * @param token the validated access token
	 * @throws DpopAuthenticationException for the first check that fails
	 * @throws DpopReplayCache.ReplayCacheFullException when no more proofs can be remembered
	 */
	void verify(SignedJWT proof, String method, String expectedHtu, String accessToken, Jwt token) {
		JWK key = verifySignature(proof);
		JWTClaimsSet claims = claims(proof);
		if (!method.equals(stringClaim(claims, "htm"))) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof htm does not match the request method");
		}
		String htu = stringClaim(claims, "htu");
		if (htu == null || !expectedHtu.equals(DpopTargetUri.normalize(htu))) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof htu does not match the request URI");
		}
		Instant issuedAt = issuedAt(claims);
		Instant now = this.clock.instant();
		if (issuedAt.isAfter(now.plus(this.clockSkew))) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof iat is in the future");
		}
		if (issuedAt.isBefore(now.minus(this.maxProofAge))) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof is too old");
		}
		String jti = stringClaim(claims, "jti");
		if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof has no valid jti");
		}
		if (!sha256(accessToken).equals(stringClaim(claims, "ath"))) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof ath does not match the access token");
		}
		String thumbprint = thumbprint(key);
		if (!thumbprint.equals(boundThumbprint(token))) {
			// RFC 9449 section 7.1: a proof key that is not the token's key is a key binding failure of the token
			throw new DpopAuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN, "Invalid DPoP key binding");
		}
		if (this.nonces != null) {
			String nonce = stringClaim(claims, "nonce");
			if (nonce == null || !this.nonces.isValid(nonce)) {
				throw new DpopAuthenticationException(DpopAuthenticationException.USE_DPOP_NONCE,
						"Resource server requires nonce in DPoP proof");
			}
		}
		if (!this.replayCache.firstUse(sha256(thumbprint + ' ' + jti), issuedAt.plus(this.maxProofAge))) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof was already used");
		}
	}

	/**
	 * @param token a validated access token
	 * @return its {@code cnf.jkt}, or {@code null} when it is not DPoP-bound
	 */
	public static String boundThumbprint(Jwt token) {
		Object cnf = token.getClaims().get("cnf");
		if (cnf instanceof Map<?, ?> confirmation && confirmation.get("jkt") instanceof String jkt && !jkt.isEmpty()) {
			return jkt;
		}
		return null;
	}

	/**
	 * @param token a validated access token
	 * @return whether it carries any confirmation ({@code cnf}) claim, i.e. is bound to a key of some kind
	 */
	public static boolean isBound(Jwt token) {
		return token.getClaims().get("cnf") != null;
	}

	private static JWK verifySignature(SignedJWT proof) {
		JWSHeader header = proof.getHeader();
		if (!DPOP_JWT.equals(header.getType())) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof typ must be dpop+jwt");
		}
		JWSAlgorithm alg = header.getAlgorithm();
		if (alg == null || !ALGORITHMS.contains(alg.getName())) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof alg is not supported");
		}
		JWK jwk = header.getJWK();
		if (jwk == null || jwk.isPrivate()) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof needs a public jwk header");
		}
		JWSVerifier verifier;
		try {
			if (JWSAlgorithm.Family.EC.contains(alg) && jwk instanceof ECKey ec) {
				if (!Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
					throw DpopAuthenticationException.invalidProof("The DPoP proof key does not fit its alg");
				}
				verifier = new ECDSAVerifier(ec);
			}
			else if (JWSAlgorithm.Family.RSA.contains(alg) && jwk instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
				verifier = new RSASSAVerifier(rsa);
			}
			else {
				throw DpopAuthenticationException.invalidProof("The DPoP proof key does not fit its alg");
			}
			if (!proof.verify(verifier)) {
				throw DpopAuthenticationException.invalidProof("The DPoP proof signature is invalid");
			}
		}
		catch (JOSEException | RuntimeException ex) {
			if (ex instanceof DpopAuthenticationException refused) {
				throw refused;
			}
			throw DpopAuthenticationException.invalidProof("The DPoP proof signature cannot be verified");
		}
		return jwk;
	}

	private static JWTClaimsSet claims(SignedJWT proof) {
		try {
			return proof.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof claims are not a JSON object");
		}
	}

	private static String stringClaim(JWTClaimsSet claims, String name) {
		return claims.getClaim(name) instanceof String value ? value : null;
	}

	private static Instant issuedAt(JWTClaimsSet claims) {
		Date iat;
		try {
			iat = claims.getDateClaim("iat");
		}
		catch (ParseException ex) {
			iat = null;
		}
		if (iat == null) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof has no valid iat");
		}
		return iat.toInstant();
	}

	private static String thumbprint(JWK key) {
		try {
			return key.computeThumbprint("SHA-256").toString();
		}
		catch (JOSEException ex) {
			throw DpopAuthenticationException.invalidProof("The DPoP proof key has no thumbprint");
		}
	}

	static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
