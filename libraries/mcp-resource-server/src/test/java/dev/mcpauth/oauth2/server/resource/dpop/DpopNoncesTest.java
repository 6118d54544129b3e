package dev.mcpauth.oauth2.server.resource.dpop;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stateless nonces of RFC 9449 section 9: valid for one to two steps, shared by replicas with one secret. */
class DpopNoncesTest {

	private static final String SECRET = "a-test-secret-of-at-least-32-characters";

	private final DpopReplayCacheTest.MutableClock clock = new DpopReplayCacheTest.MutableClock(
			Instant.parse("2026-12-03T10:00:00Z"));

	@Test
	void aNonceIsValidDuringItsStepAndTheNextOneOnly() {
		DpopNonces nonces = new DpopNonces(SECRET, Duration.ofMinutes(5), this.clock);
		String nonce = nonces.current();

		this.clock.advance(Duration.ofMinutes(9));
		assertThat(nonces.isValid(nonce)).isTrue();

		this.clock.advance(Duration.ofMinutes(2));
		assertThat(nonces.isValid(nonce)).as("stale").isFalse();
	}

	@Test
	void replicasWithTheSameSecretAcceptEachOthersNoncesAndOthersDoNot() {
		String nonce = new DpopNonces(SECRET, Duration.ofMinutes(5), this.clock).current();

		assertThat(new DpopNonces(SECRET, Duration.ofMinutes(5), this.clock).isValid(nonce)).isTrue();
		assertThat(new DpopNonces(SECRET + "x", Duration.ofMinutes(5), this.clock).isValid(nonce)).isFalse();
		assertThat(new DpopNonces(null, Duration.ofMinutes(5), this.clock).isValid(nonce)).isFalse();
	}

	@Test
	void garbageIsNotANonce() {
		DpopNonces nonces = new DpopNonces(SECRET, Duration.ofMinutes(5), this.clock);

		assertThat(nonces.isValid("")).isFalse();
		assertThat(nonces.isValid("!!!")).isFalse();
		assertThat(nonces.isValid(nonces.current().substring(1))).isFalse();
	}

}
