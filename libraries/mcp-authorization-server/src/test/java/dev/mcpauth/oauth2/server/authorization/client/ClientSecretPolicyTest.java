package dev.mcpauth.oauth2.server.authorization.client;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The high-entropy rule: generated secrets pass, short, repetitive and typed secrets do not; the threshold cannot
 * go below RFC 6749 §10.10's 128 bits.
 */
class ClientSecretPolicyTest {

	private static final SecureRandom random = new SecureRandom();

	private final ClientSecretPolicy policy = ClientSecretPolicy.defaults();

	@Test
	void generatedSecretsAreHighEntropy() {
		for (int i = 0; i < 1000; i++) {
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			// registration endpoints' base64url, openssl rand -base64 32, openssl rand -hex 32
			assertThat(this.policy.digests(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))).isTrue();
			assertThat(this.policy.digests(Base64.getEncoder().encodeToString(bytes))).isTrue();
			assertThat(this.policy.digests(HexFormat.of().formatHex(bytes))).isTrue();
		}
	}

	@Test
	void shortSecretsAreNot() {
		assertThat(this.policy.digests("demo-agent-secret")).isFalse();
		String generated = ClientSecretEncoderTest.generatedSecret();
		assertThat(this.policy.digests(generated.substring(0, 31))).isFalse();
		assertThat(this.policy.digests(null)).isFalse();
		assertThat(this.policy.digests("")).isFalse();
	}

	@Test
	void repetitiveSecretsAreNotWhateverTheirLength() {
		assertThat(this.policy.digests("a".repeat(200))).isFalse();
		assertThat(this.policy.digests("ab".repeat(40))).isFalse();
		assertThat(this.policy.digests("Password1!".repeat(4))).isFalse();
		// 128 bits by the character estimate alone, caught by the repeated run
		assertThat(ClientSecretPolicy.estimatedBits("0123456789abcdef0123456789abcdef")).isEqualTo(128.0);
		assertThat(this.policy.digests("0123456789abcdef0123456789abcdef")).isFalse();
		String generated = ClientSecretEncoderTest.generatedSecret();
		assertThat(this.policy.digests(generated + generated)).isFalse();
	}

	@Test
	void aPhraseIsNot() {
		assertThat(this.policy.digests("correct horse battery staple and a few more words")).isFalse();
		assertThat(this.policy.digests(ClientSecretEncoderTest.generatedSecret() + "\t")).isFalse();
	}

	@Test
	void estimateNeverExceedsLengthTimesTheBitsOfTheDistinctCharacters() {
		for (int i = 0; i < 200; i++) {
			String secret = ClientSecretEncoderTest.generatedSecret();
			long distinct = secret.chars().distinct().count();
			assertThat(ClientSecretPolicy.estimatedBits(secret))
				.isLessThanOrEqualTo(secret.length() * Math.log(distinct) / Math.log(2) + 1e-9)
				.isGreaterThan(128);
		}
		assertThat(ClientSecretPolicy.estimatedBits("aaaa")).isZero();
		assertThat(ClientSecretPolicy.estimatedBits("abab")).isEqualTo(4.0);
	}

	@Test
	void digestsOffMeansNoSecretIsDigestedThoughTheRuleStillJudges() {
		ClientSecretPolicy off = new ClientSecretPolicy(false, 32, 128);
		String secret = ClientSecretEncoderTest.generatedSecret();

		assertThat(off.digests(secret)).isFalse();
		assertThat(off.isHighEntropy(secret)).isTrue();
	}

	@Test
	void thresholdCannotGoBelow128Bits() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSecretPolicy(true, 32, 127))
			.withMessageContaining("min-entropy-bits must be at least 128");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSecretPolicy(true, 0, 128))
			.withMessageContaining("min-length");
		assertThat(new ClientSecretPolicy(true, 64, 256).digests(ClientSecretEncoderTest.generatedSecret())).isFalse();
	}

}
