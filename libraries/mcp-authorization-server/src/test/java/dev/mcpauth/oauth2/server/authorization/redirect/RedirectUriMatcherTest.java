package dev.mcpauth.oauth2.server.authorization.redirect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exact matching with the loopback any-port exception (OAuth 2.1 §4.1.1, §8.4.2; checklist AS-05, section 3.4).
 */
class RedirectUriMatcherTest {

	@ParameterizedTest
	@CsvSource({ "http://127.0.0.1/callback,http://127.0.0.1:53111/callback",
			"http://127.0.0.1:3000/callback,http://127.0.0.1:53111/callback",
			"http://localhost/callback,http://localhost:40000/callback", "http://[::1]/cb,http://[::1]:9/cb",
			"http://127.0.0.1/cb?x=1,http://127.0.0.1:5/cb?x=1", "https://app.test/cb,https://app.test/cb" })
	void matches(String registered, String requested) {
		assertThat(RedirectUriMatcher.matches(registered, requested)).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "http://127.0.0.1/callback,http://127.0.0.1:53111/callback/x",
			"http://127.0.0.1/callback,http://localhost:53111/callback",
			"http://localhost/callback,http://127.0.0.1/callback", "http://127.0.0.1/cb,https://127.0.0.1/cb",
			"http://127.0.0.1/cb?x=1,http://127.0.0.1:5/cb?x=2", "https://app.test/cb,https://app.test:443/cb",
			"https://app.test/cb,https://app.test/cb/", "https://app.test/cb,https://APP.test/cb",
			"http://app.test/cb,http://app.test:8080/cb", "http://127.0.0.1/cb,http://u@127.0.0.1:5/cb",
			"http://127.0.0.1/cb,http://127.0.0.1:5/cb#f" })
	void doesNotMatch(String registered, String requested) {
		assertThat(RedirectUriMatcher.matches(registered, requested)).isFalse();
	}

}
