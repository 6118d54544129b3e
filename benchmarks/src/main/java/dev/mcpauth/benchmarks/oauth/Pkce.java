package dev.mcpauth.benchmarks.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636): a fresh 256-bit verifier per authorization and its S256 challenge.
 *
 * @param verifier the {@code code_verifier}, sent with the code to the token endpoint only
 * @param challenge BASE64URL(SHA256(verifier)), sent with the authorization request
 */
public record Pkce(String verifier, String challenge) {

	private static final SecureRandom RANDOM = new SecureRandom();

	public static Pkce generate() {
		String verifier = randomUrlSafe(32);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	static String randomUrlSafe(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	@Override
	public String toString() {
		return "Pkce[verifier=(hidden)]"; // a verifier is a secret until the code is redeemed
	}

}
