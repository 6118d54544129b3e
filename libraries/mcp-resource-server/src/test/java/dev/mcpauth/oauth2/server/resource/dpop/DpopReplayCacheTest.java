package dev.mcpauth.oauth2.server.resource.dpop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The {@code jti} cache of RFC 9449 section 11.1: one use per window, bounded in time and in size. */
class DpopReplayCacheTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));

	@Test
	void aJtiIsAcceptedOnceWithinItsWindow() {
		DpopReplayCache cache = new DpopReplayCache(10, this.clock);
		Instant expiry = this.clock.instant().plus(Duration.ofMinutes(5));

		assertThat(cache.firstUse("a", expiry)).isTrue();
		assertThat(cache.firstUse("a", expiry)).isFalse();
		assertThat(cache.firstUse("b", expiry)).isTrue();
	}

	@Test
	void entriesAreForgottenOnceTheirProofIsTooOldAnyway() {
		DpopReplayCache cache = new DpopReplayCache(10, this.clock);
		cache.firstUse("a", this.clock.instant().plus(Duration.ofMinutes(5)));

		this.clock.advance(Duration.ofMinutes(6));
		cache.firstUse("b", this.clock.instant().plus(Duration.ofMinutes(5)));

		assertThat(cache.size()).isEqualTo(1);
	}

	@Test
	void aFullCacheRefusesNewProofsRatherThanForgettingALiveJti() {
		DpopReplayCache cache = new DpopReplayCache(2, this.clock);
		Instant expiry = this.clock.instant().plus(Duration.ofMinutes(5));
		cache.firstUse("a", expiry);
		cache.firstUse("b", expiry);

		assertThatExceptionOfType(DpopReplayCache.ReplayCacheFullException.class)
			.isThrownBy(() -> cache.firstUse("c", expiry));
		assertThat(cache.firstUse("a", expiry)).as("still a replay when full").isFalse();

		this.clock.advance(Duration.ofMinutes(5));
		assertThat(cache.firstUse("c", this.clock.instant().plus(Duration.ofMinutes(5)))).isTrue();
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
