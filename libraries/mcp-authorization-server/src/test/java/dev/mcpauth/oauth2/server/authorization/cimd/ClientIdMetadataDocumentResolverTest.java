package dev.mcpauth.oauth2.server.authorization.cimd;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cache bounds and the "never cache failures" rule (CIMD-00 §4.4, checklist AS-22), with a scripted fetcher and
 * a clock the test moves.
 */
class ClientIdMetadataDocumentResolverTest {

	private static final String URL = "https://client.example.test/client.json";

	private static final String DOCUMENT = "{\"client_id\":\"" + URL
			+ "\",\"client_name\":\"x\",\"redirect_uris\":[\"http://127.0.0.1/cb\"]}";

	private final MutableClock clock = new MutableClock();

	private final Deque<Supplier<FetchedDocument>> script = new ArrayDeque<>();

	private int fetches;

	private final ClientIdMetadataDocumentResolver resolver = new ClientIdMetadataDocumentResolver(
			new ClientIdUrlPolicy(false), (clientId) -> {
				this.fetches++;
				return this.script.removeFirst().get();
			}, new ClientIdMetadataDocumentValidator(false),
			new ClientIdMetadataDocumentResolver.CachePolicy(Duration.ofMinutes(5), Duration.ofSeconds(30),
					Duration.ofHours(1), 10),
			this.clock);

	@Test
	void servesFromCacheUntilMaxAgeExpires() {
		respond(DOCUMENT, Duration.ofSeconds(120));
		respond(DOCUMENT, Duration.ofSeconds(120));

		assertThat(this.resolver.resolve(URL).fetched()).isTrue();
		this.clock.advance(Duration.ofSeconds(119));
		assertThat(this.resolver.resolve(URL).fetched()).isFalse();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.resolver.resolve(URL).fetched()).isTrue();
		assertThat(this.fetches).isEqualTo(2);
	}

	@Test
	void clampsMaxAgeToConfiguredBounds() {
		respond(DOCUMENT, Duration.ofDays(30));
		respond(DOCUMENT, Duration.ofDays(30));

		this.resolver.resolve(URL);
		this.clock.advance(Duration.ofHours(1).plusSeconds(1));
		this.resolver.resolve(URL);

		assertThat(this.fetches).isEqualTo(2);
	}

	@Test
	void usesDefaultLifetimeWithoutCacheControl() {
		respond(DOCUMENT, null);

		this.resolver.resolve(URL);
		this.clock.advance(Duration.ofMinutes(4));
		this.resolver.resolve(URL);

		assertThat(this.fetches).isEqualTo(1);
	}

	@Test
	void doesNotCacheWhenPublisherForbidsIt() {
		respond(DOCUMENT, Duration.ZERO);
		respond(DOCUMENT, Duration.ZERO);

		this.resolver.resolve(URL);
		this.resolver.resolve(URL);

		assertThat(this.fetches).isEqualTo(2);
	}

	@Test
	void neverCachesFetchErrors() {
		this.script.add(() -> {
			throw new ClientIdMetadataDocumentException("down");
		});
		respond(DOCUMENT, Duration.ofMinutes(10));

		assertThatThrownBy(() -> this.resolver.resolve(URL)).hasMessage("down");
		assertThat(this.resolver.resolve(URL).document().clientId()).isEqualTo(URL);
		assertThat(this.fetches).isEqualTo(2);
	}

	@Test
	void neverCachesInvalidDocumentsAndDropsAnExpiredValidOne() {
		respond(DOCUMENT, Duration.ofSeconds(60));
		respond("{\"client_id\":\"other\"}", Duration.ofMinutes(10));
		respond(DOCUMENT, Duration.ofMinutes(10));

		this.resolver.resolve(URL);
		this.clock.advance(Duration.ofSeconds(61));
		assertThatThrownBy(() -> this.resolver.resolve(URL)).isInstanceOf(ClientIdMetadataDocumentException.class);
		assertThat(this.resolver.resolve(URL).fetched()).isTrue();
		assertThat(this.fetches).isEqualTo(3);
	}

	@Test
	void checksUrlPolicyBeforeFetching() {
		assertThatThrownBy(() -> this.resolver.resolve("http://client.example.test/client.json"))
			.hasMessageContaining("https");
		assertThat(this.fetches).isZero();
	}

	private void respond(String body, Duration maxAge) {
		this.script.add(() -> new FetchedDocument(body.getBytes(StandardCharsets.UTF_8), maxAge));
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
