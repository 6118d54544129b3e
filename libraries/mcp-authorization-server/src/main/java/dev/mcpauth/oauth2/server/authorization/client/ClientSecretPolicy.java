package dev.mcpauth.oauth2.server.authorization.client;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Which client secrets are machine secrets, stored and verified as a single SHA-256 digest by
 * {@link ClientSecretEncoder}, and which keep a slow password hash (BCrypt).
 *
 * <p>A secret qualifies when it has at least {@code minLength} characters, no whitespace (a phrase is a human
 * choice), no run of {@value #REPEAT_LENGTH} characters that occurs twice (a short password repeated to reach the
 * length), and an estimated entropy of at least {@code minEntropyBits}. The estimate is the Shannon entropy of the
 * secret's own character frequencies times its length: it never exceeds the entropy a random secret of that length
 * and alphabet has, and it is low for short, repetitive or small-alphabet strings. It cannot tell a long run of
 * dictionary words or an alphabet sequence from a random string, so secrets are meant to be generated (e.g.
 * {@code openssl rand -base64 32}: 44 characters, 256 bits), as RFC 6749 §10.10 asks of credentials "not intended
 * for handling by end-users". For a random secret the repeat rule costs nothing: two equal runs of 8 characters
 * in 64 random hex digits have a probability below 10^-6.
 *
 * @param digestHighEntropy whether high-entropy secrets are digested; when {@code false} every new secret goes to
 * the slow hash, and stored digests move to it on their next successful use
 * @param minLength the fewest characters (code points) of a high-entropy secret
 * @param minEntropyBits the fewest estimated bits of a high-entropy secret; never below {@value #FLOOR_BITS}
 */
public record ClientSecretPolicy(boolean digestHighEntropy, int minLength, int minEntropyBits) {

	/**
	 * RFC 6749 §10.10: the probability of guessing a generated credential "MUST be less than or equal to 2^(-128)";
	 * a fast hash is only safe for a secret that cannot be guessed.
	 */
	public static final int FLOOR_BITS = 128;

	/** A run of this many characters seen twice makes a secret repetitive. */
	static final int REPEAT_LENGTH = 8;

	public ClientSecretPolicy {
		Assert.isTrue(minLength >= 1, "mcp.authorization-server.client-secrets.min-length must be at least 1");
		Assert.isTrue(minEntropyBits >= FLOOR_BITS, "mcp.authorization-server.client-secrets.min-entropy-bits must be "
				+ "at least " + FLOOR_BITS + " (RFC 6749 §10.10)");
	}

	/** High-entropy secrets digested: at least 32 characters and 128 estimated bits. */
	public static ClientSecretPolicy defaults() {
		return new ClientSecretPolicy(true, 32, FLOOR_BITS);
	}

	/** Whether {@code secret} (the raw value) is stored as a digest under this policy. */
	public boolean digests(CharSequence secret) {
		return this.digestHighEntropy && isHighEntropy(secret);
	}

	/** Whether {@code secret} meets the length, whitespace and entropy rules (whether or not digests are on). */
	public boolean isHighEntropy(CharSequence secret) {
		if (secret == null) {
			return false;
		}
		String value = secret.toString();
		if (value.codePointCount(0, value.length()) < this.minLength
				|| value.codePoints().anyMatch(Character::isWhitespace) || repeatsARun(value)) {
			return false;
		}
		return estimatedBits(value) >= this.minEntropyBits;
	}

	private static boolean repeatsARun(String value) {
		Set<String> runs = new HashSet<>();
		for (int i = 0; i + REPEAT_LENGTH <= value.length(); i++) {
			if (!runs.add(value.substring(i, i + REPEAT_LENGTH))) {
				return true;
			}
		}
		return false;
	}

	/** Length times the Shannon entropy (bits per character) of the string's own character frequencies. */
	public static double estimatedBits(CharSequence secret) {
		int[] codePoints = secret.toString().codePoints().toArray();
		if (codePoints.length == 0) {
			return 0;
		}
		Map<Integer, Integer> counts = new HashMap<>();
		for (int codePoint : codePoints) {
			counts.merge(codePoint, 1, Integer::sum);
		}
		double bitsPerCharacter = 0;
		for (int count : counts.values()) {
			double p = (double) count / codePoints.length;
			bitsPerCharacter -= p * Math.log(p) / Math.log(2);
		}
		return bitsPerCharacter * codePoints.length;
	}

	/** The rule in words, for messages (never with a secret). */
	public String describe() {
		return "at least " + this.minLength + " characters, no whitespace, no repeated run of " + REPEAT_LENGTH
				+ " characters, at least " + this.minEntropyBits + " bits estimated";
	}

}
