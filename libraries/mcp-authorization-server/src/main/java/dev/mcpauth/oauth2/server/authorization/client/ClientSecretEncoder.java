package dev.mcpauth.oauth2.server.authorization.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.Assert;

/**
 * The encoder of OAuth client secrets, and only of them (never of user passwords): a high-entropy secret
 * ({@link ClientSecretPolicy}) is stored as {@code {sha256}} followed by the lowercase hex SHA-256 digest of its
 * UTF-8 bytes and verified with a constant-time comparison ({@link MessageDigest#isEqual}); every other secret, and
 * every other stored form ({@code {bcrypt}}, {@code {noop}}, ...), goes to the slow password encoder (Spring's
 * {@code DelegatingPasswordEncoder}: BCrypt).
 *
 * <p>Why a single hash is enough for a machine secret: a slow, salted hash exists to make offline guessing of a
 * low-entropy secret expensive (RFC 6819 §5.1.4.1.3: "If the credential lacks a reasonable entropy level (because
 * it is a user password), an additional salt will harden the storage"; NIST SP 800-63B §5.1.1.2 requires a
 * key-derivation function for memorized secrets). A secret of at least 128 random bits cannot be guessed whatever
 * the hash costs, and SHA-256 is preimage-resistant, so BCrypt's 70 ms per client authentication buys nothing for
 * it. NIST SP 800-63B §5.1.2.2 draws the same line for look-up secrets: an approved one-way function from 112 bits
 * of entropy.
 *
 * <p>Spring Authorization Server re-encodes a secret after a successful authentication when
 * {@link #upgradeEncoding} says so: a {@code {noop}} secret becomes a digest or a BCrypt hash on first use. A
 * {@code {bcrypt}} hash stays (its secret's entropy cannot be judged from it). When digests are off, a stored
 * digest moves to the slow hash on its next successful use.
 */
public final class ClientSecretEncoder implements PasswordEncoder {

	/** The {@code DelegatingPasswordEncoder}-style id of the digest (not Spring's salted legacy {@code {SHA-256}}). */
	public static final String ID = "sha256";

	private static final String PREFIX = "{" + ID + "}";

	private static final int DIGEST_BYTES = 32;

	private static final HexFormat HEX = HexFormat.of();

	private final ClientSecretPolicy policy;

	private final PasswordEncoder slowHash;

	/**
	 * @param policy which secrets are digested
	 * @param slowHash the encoder of every other secret (the application's {@code PasswordEncoder}, or Spring's
	 * default delegating one)
	 */
	public ClientSecretEncoder(ClientSecretPolicy policy, PasswordEncoder slowHash) {
		Assert.notNull(policy, "policy must not be null");
		Assert.notNull(slowHash, "slowHash must not be null");
		this.policy = policy;
		this.slowHash = slowHash;
	}

	/** With Spring's default delegating encoder (BCrypt) for the secrets that are not digested. */
	public static ClientSecretEncoder withDefaultSlowHash(ClientSecretPolicy policy) {
		return new ClientSecretEncoder(policy, PasswordEncoderFactories.createDelegatingPasswordEncoder());
	}

	/** Whether {@code encoded} is a stored form of this encoder's digest. */
	public static boolean isDigest(String encoded) {
		return encoded != null && encoded.startsWith(PREFIX);
	}

	/** Whether {@code encoded} is {@code {sha256}} followed by 64 hex digits. */
	public static boolean isWellFormedDigest(String encoded) {
		return isDigest(encoded) && parse(encoded.substring(PREFIX.length())) != null;
	}

	/** The stored form of {@code secret} as a digest, whatever its entropy (for operators and tests). */
	public static String digest(CharSequence secret) {
		return PREFIX + HEX.formatHex(sha256(secret));
	}

	@Override
	public String encode(CharSequence rawSecret) {
		return this.policy.digests(rawSecret) ? digest(rawSecret) : this.slowHash.encode(rawSecret);
	}

	@Override
	public boolean matches(CharSequence rawSecret, String encodedSecret) {
		if (!isDigest(encodedSecret)) {
			return this.slowHash.matches(rawSecret, encodedSecret);
		}
		byte[] stored = parse(encodedSecret.substring(PREFIX.length()));
		if (rawSecret == null || stored == null) {
			return false;
		}
		return MessageDigest.isEqual(sha256(rawSecret), stored);
	}

	@Override
	public boolean upgradeEncoding(String encodedSecret) {
		if (isDigest(encodedSecret)) {
			return !this.policy.digestHighEntropy();
		}
		return this.slowHash.upgradeEncoding(encodedSecret);
	}

	/** The 32 bytes of a stored digest, or {@code null} when it is not 64 hex digits. */
	static byte[] parse(String hex) {
		if (hex.length() != 2 * DIGEST_BYTES) {
			return null;
		}
		try {
			return HEX.parseHex(hex);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static byte[] sha256(CharSequence secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform has SHA-256 (MessageDigest's required algorithms)
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "ClientSecretEncoder[" + this.policy + "]";
	}

}
