package dev.mcpauth.oauth2.server.authorization.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client secrets: high-entropy ones as a single SHA-256 digest compared in constant time, the others (and every
 * other stored form) through the slow password hash; Spring Authorization Server's re-encoding after a successful
 * authentication follows {@code upgradeEncoding}.
 */
class ClientSecretEncoderTest {

	private static final SecureRandom random = new SecureRandom();

	private final ClientSecretEncoder encoder = ClientSecretEncoder.withDefaultSlowHash(ClientSecretPolicy.defaults());

	@Test
	void storesAGeneratedSecretAsItsHexSha256Digest() throws Exception {
		String secret = generatedSecret();

		String stored = this.encoder.encode(secret);

		byte[] expected = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		assertThat(stored).isEqualTo("{sha256}" + HexFormat.of().formatHex(expected));
		assertThat(this.encoder.matches(secret, stored)).isTrue();
		// the same secret always gives the same digest (no salt: nothing to precompute against 256 random bits)
		assertThat(this.encoder.encode(secret)).isEqualTo(stored);
	}

	@Test
	void digestIsWhatSha256sumPrintsForTheSecret() {
		// FIPS 180-2 test vector: SHA-256("abc"), i.e. printf %s abc | sha256sum
		assertThat(ClientSecretEncoder.digest("abc"))
			.isEqualTo("{sha256}ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void refusesAnyOtherSecretAgainstADigest() {
		String secret = generatedSecret();
		String stored = this.encoder.encode(secret);
		String lastCharacterChanged = secret.substring(0, secret.length() - 1)
				+ (secret.endsWith("A") ? "B" : "A");

		assertThat(this.encoder.matches(generatedSecret(), stored)).isFalse();
		assertThat(this.encoder.matches(lastCharacterChanged, stored)).isFalse();
		assertThat(this.encoder.matches(secret + " ", stored)).isFalse();
		assertThat(this.encoder.matches("", stored)).isFalse();
		assertThat(this.encoder.matches(null, stored)).isFalse();
	}

	@Test
	void comparesTheDecodedDigestBytesNotTheirText() {
		// MessageDigest.isEqual over the 32 bytes: the case of the stored hex does not matter, one bit does
		String secret = generatedSecret();
		String stored = this.encoder.encode(secret);
		String upperCase = "{sha256}" + stored.substring(8).toUpperCase(Locale.ROOT);
		byte[] digest = HexFormat.of().parseHex(stored.substring(8));
		digest[31] ^= 1;
		String lastBitFlipped = "{sha256}" + HexFormat.of().formatHex(digest);

		assertThat(this.encoder.matches(secret, upperCase)).isTrue();
		assertThat(this.encoder.matches(secret, lastBitFlipped)).isFalse();
	}

	@Test
	void malformedDigestNeverMatchesAndNeverThrows() {
		String secret = generatedSecret();
		String stored = this.encoder.encode(secret);

		assertThat(this.encoder.matches(secret, "{sha256}")).isFalse();
		assertThat(this.encoder.matches(secret, stored.substring(0, stored.length() - 1))).isFalse();
		assertThat(this.encoder.matches(secret, stored + "0")).isFalse();
		assertThat(this.encoder.matches(secret, "{sha256}" + "zz".repeat(32))).isFalse();
		assertThat(ClientSecretEncoder.isWellFormedDigest(stored)).isTrue();
		assertThat(ClientSecretEncoder.isWellFormedDigest("{sha256}" + "zz".repeat(32))).isFalse();
	}

	@Test
	void lowEntropySecretKeepsBcrypt() {
		String stored = this.encoder.encode("demo-agent-secret");

		assertThat(stored).startsWith("{bcrypt}$2a$10$");
		assertThat(this.encoder.matches("demo-agent-secret", stored)).isTrue();
		assertThat(this.encoder.matches("demo-agent-secreT", stored)).isFalse();
		assertThat(this.encoder.upgradeEncoding(stored)).isFalse();
	}

	@Test
	void plainSecretIsReEncodedOnFirstUseAndADigestIsKept() {
		String secret = generatedSecret();

		assertThat(this.encoder.matches(secret, "{noop}" + secret)).isTrue();
		assertThat(this.encoder.upgradeEncoding("{noop}" + secret)).isTrue();
		assertThat(this.encoder.upgradeEncoding(this.encoder.encode(secret))).isFalse();
	}

	@Test
	void withDigestsOffEverySecretGoesToBcryptAndStoredDigestsMoveThereOnNextUse() {
		ClientSecretEncoder off = ClientSecretEncoder.withDefaultSlowHash(new ClientSecretPolicy(false, 32, 128));
		String secret = generatedSecret();
		String digest = ClientSecretEncoder.digest(secret);

		assertThat(off.encode(secret)).startsWith("{bcrypt}");
		assertThat(off.matches(secret, digest)).isTrue();
		assertThat(off.upgradeEncoding(digest)).isTrue();
	}

	@Test
	void everythingThatIsNotADigestGoesToTheApplicationsSlowHash() {
		PasswordEncoder reversing = new ReversingEncoder();
		ClientSecretEncoder withApplicationHash = new ClientSecretEncoder(ClientSecretPolicy.defaults(), reversing);
		String secret = generatedSecret();

		assertThat(withApplicationHash.encode("short")).isEqualTo("{reversed}trohs");
		assertThat(withApplicationHash.matches("short", "{reversed}trohs")).isTrue();
		assertThat(withApplicationHash.upgradeEncoding("{reversed}trohs")).isFalse();
		assertThat(withApplicationHash.encode(secret)).isEqualTo(ClientSecretEncoder.digest(secret));
	}

	/** 32 random bytes, base64url without padding (43 characters), as registration endpoints generate them. */
	static String generatedSecret() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static final class ReversingEncoder implements PasswordEncoder {

		@Override
		public String encode(CharSequence raw) {
			return "{reversed}" + new StringBuilder(raw).reverse();
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			return encode(raw).equals(encoded);
		}

		@Override
		public boolean upgradeEncoding(String encoded) {
			return !encoded.startsWith("{reversed}");
		}

	}

}
