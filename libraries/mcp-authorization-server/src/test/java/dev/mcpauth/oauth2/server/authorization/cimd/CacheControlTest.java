package dev.mcpauth.oauth2.server.authorization.cimd;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CacheControlTest {

	@Test
	void readsMaxAge() {
		assertThat(CacheControl.maxAge("public, max-age=60")).isEqualTo(Duration.ofSeconds(60));
		assertThat(CacheControl.maxAge("max-age=\"30\"")).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void noStoreAndNoCacheMeanDoNotCache() {
		assertThat(CacheControl.maxAge("no-store")).isZero();
		assertThat(CacheControl.maxAge("max-age=600, no-cache")).isZero();
	}

	@Test
	void invalidMaxAgeMeansStale() {
		assertThat(CacheControl.maxAge("max-age=soon")).isZero();
	}

	@Test
	void absentHeaderSaysNothing() {
		assertThat(CacheControl.maxAge(null)).isNull();
		assertThat(CacheControl.maxAge("public")).isNull();
	}

}
