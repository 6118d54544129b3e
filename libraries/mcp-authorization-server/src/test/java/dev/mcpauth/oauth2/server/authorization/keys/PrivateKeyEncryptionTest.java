package dev.mcpauth.oauth2.server.authorization.keys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateKeyEncryptionTest {

	private static final String KEY = "q4V0yZxvPC6m3nU5Hf3S1fM0cLr8sYpD2aTtK9wQe7E=";

	private final PrivateKeyEncryption encryption = PrivateKeyEncryption.fromBase64(KEY);

	@Test
	void roundTripsAndUsesAFreshIvEveryTime() {
		byte[] secret = "pkcs8 bytes".getBytes(StandardCharsets.UTF_8);

		String once = this.encryption.encrypt("kid-1", secret);
		String twice = this.encryption.encrypt("kid-1", secret);

		assertThat(once).startsWith("v1.").isNotEqualTo(twice);
		assertThat(this.encryption.decrypt("kid-1", once)).isEqualTo(secret);
	}

	@Test
	void refusesAnotherKeyAnotherKidAndTampering() {
		String stored = this.encryption.encrypt("kid-1", new byte[] { 1, 2, 3 });
		// flip one bit of the stored bytes (editing the base64 text could hit the last character's unused bits, and
		// then decode to the same bytes)
		byte[] bytes = Base64.getUrlDecoder().decode(stored.substring("v1.".length()));
		bytes[bytes.length - 1] ^= 0x01;
		String tampered = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

		assertThatThrownBy(() -> PrivateKeyEncryption.ephemeral().decrypt("kid-1", stored))
			.isInstanceOf(PrivateKeyEncryption.WrongKeyException.class)
			.hasMessageContaining("mcp.authorization-server.keys.encryption-key");
		assertThatThrownBy(() -> this.encryption.decrypt("kid-2", stored))
			.isInstanceOf(PrivateKeyEncryption.WrongKeyException.class);
		assertThatThrownBy(() -> this.encryption.decrypt("kid-1", tampered))
			.isInstanceOf(PrivateKeyEncryption.WrongKeyException.class);
	}

	@Test
	void explainsABadConfiguredKey() {
		assertThatThrownBy(() -> PrivateKeyEncryption.fromBase64("c2hvcnQ="))
			.hasMessageContaining("must be 32 bytes")
			.hasMessageContaining("openssl rand -base64 32");
		assertThatThrownBy(() -> PrivateKeyEncryption.fromBase64("not base64 !")).hasMessageContaining("not base64");
	}

}
