package dev.mcpauth.oauth2.client.authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636, CL-08). The verifier is 43 characters of base64url, i.e. 32 bytes from a CSPRNG (RFC 7636
 * section 4.1 recommends exactly this), fresh for every authorization request; the challenge is
 * {@code BASE64URL(SHA256(ASCII(verifier)))}, method {@code S256}. {@link #toString()} hides the verifier.
 */
public record Pkce(String verifier, String challenge) {

	public static final String METHOD = "S256";

	public static Pkce generate(SecureRandom random) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return new Pkce(verifier, challengeOf(verifier));
	}

	public static String challengeOf(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	@Override
	public String toString() {
		return "Pkce[challenge=" + this.challenge + ", verifier=(hidden)]";
	}

}
