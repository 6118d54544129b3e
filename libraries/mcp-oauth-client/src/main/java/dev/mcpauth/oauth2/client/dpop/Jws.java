package dev.mcpauth.oauth2.client.dpop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JWS Compact Serialization (RFC 7515 section 3.1) of a JSON header and payload, signed with the JDK: ES256 and
 * ES384 use the raw {@code R || S} signature JWS asks for (RFC 7518 section 3.4), RS256 PKCS #1 v1.5. Only what DPoP
 * proofs and {@code private_key_jwt} client assertions need.
 */
public final class Jws {

	private Jws() {
	}

	/** @param alg {@code ES256}, {@code ES384} or {@code RS256} */
	public static String sign(JsonMapper json, Map<String, Object> header, Map<String, Object> payload, PrivateKey key,
			String alg) {
		String signingInput = base64Url(json.writeValueAsBytes(header)) + "." + base64Url(json.writeValueAsBytes(payload));
		try {
			Signature signature = Signature.getInstance(jcaName(alg));
			signature.initSign(key);
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + base64Url(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot sign a " + alg + " JWS with the " + key.getAlgorithm() + " key", ex);
		}
	}

	static String jcaName(String alg) {
		return switch (alg) {
			case "ES256" -> "SHA256withECDSAinP1363Format";
			case "ES384" -> "SHA384withECDSAinP1363Format";
			case "RS256" -> "SHA256withRSA";
			default -> throw new IllegalArgumentException("unsupported JWS algorithm " + alg);
		};
	}

	public static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** {@code base64url(SHA-256(ascii(value)))}: the DPoP {@code ath} (RFC 9449 section 4.2) and RFC 7638 thumbprints. */
	public static String sha256(String value) {
		try {
			return base64Url(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
