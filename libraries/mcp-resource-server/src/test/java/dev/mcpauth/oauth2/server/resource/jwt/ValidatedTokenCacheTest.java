package dev.mcpauth.oauth2.server.resource.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The cache of validated access tokens in front of the signature check (checklist RS-07, RS-08). */
class ValidatedTokenCacheTest {

	private static final Instant T0 = Instant.parse("2026-11-26T18:00:00Z");

	private static final Duration SKEW = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock(T0);

	private final AtomicInteger decodes = new AtomicInteger();

	/** Accepts "ok-*" tokens expiring 60 s after T0 with the delegate's own exp check; refuses the rest. */
	private final JwtDecoder delegate = (token) -> {
		this.decodes.incrementAndGet();
		Instant exp = T0.plusSeconds(60);
		if (!token.startsWith("ok-") || !this.clock.instant().isBefore(exp.plus(SKEW))) {
			throw new BadJwtException("refused");
		}
		return Jwt.withTokenValue(token).header("alg", "RS256").subject("user").issuedAt(T0).expiresAt(exp).build();
	};

	private final ValidatedTokenCache cache = new ValidatedTokenCache(this.delegate, SKEW, 3, this.clock);

	@Test
	void secondUseOfTheSameTokenIsAHit() {
		Jwt first = this.cache.decode("ok-a");
		Jwt second = this.cache.decode("ok-a");

		assertThat(second).isSameAs(first);
		assertThat(this.decodes).hasValue(1);
	}

	@Test
	void anotherTokenStringIsAMiss() {
		this.cache.decode("ok-a");
		this.cache.decode("ok-b");

		assertThat(this.decodes).hasValue(2);
	}

	@Test
	void anExpiredTokenIsNeverAcceptedFromTheCache() {
		this.cache.decode("ok-a");
		this.clock.now = T0.plusSeconds(60 + 31); // past exp and the skew

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("ok-a"));
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void anEntryDoesNotOutliveTheTokensExp() {
		this.cache.decode("ok-a");
		this.clock.now = T0.plusSeconds(60); // at exp, inside the skew: the full check decides again

		this.cache.decode("ok-a");

		assertThat(this.decodes).hasValue(2);
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void aTokenNotYetValidOnAHitIsNotServedFromTheCache() {
		AtomicInteger calls = new AtomicInteger();
		ValidatedTokenCache cache = new ValidatedTokenCache((token) -> {
			if (calls.incrementAndGet() > 1) {
				throw new BadJwtException("not yet valid"); // the full check decides
			}
			return Jwt.withTokenValue(token)
				.header("alg", "RS256")
				.subject("user")
				.notBefore(T0.plusSeconds(20))
				.expiresAt(T0.plusSeconds(600))
				.build();
		}, SKEW, 3, this.clock);
		cache.decode("ok-nbf");
		this.clock.now = T0.minusSeconds(60); // clock stepped back: nbf now beyond the skew

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> cache.decode("ok-nbf"));
		assertThat(cache.size()).isZero();
	}

	@Test
	void theCacheIsBounded() {
		for (int i = 0; i < 10; i++) {
			this.cache.decode("ok-" + i);
			assertThat(this.cache.size()).isLessThanOrEqualTo(3);
		}
	}

	@Test
	void aRefusedTokenIsNotCached() {
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("bad"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode("bad"));

		assertThat(this.decodes).hasValue(2);
		assertThat(this.cache.size()).isZero();
	}

	static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
