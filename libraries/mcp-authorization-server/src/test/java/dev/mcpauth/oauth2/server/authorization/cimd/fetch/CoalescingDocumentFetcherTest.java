package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.cimd.FetchedDocument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Single flight, the negative cache for unreachable hosts and bounded stale-if-error (issue 7 "Cache"; AS-22).
 */
class CoalescingDocumentFetcherTest {

	private static final String CLIENT_ID = "https://client.example.test/client.json";

	private final MutableClock clock = new MutableClock();

	@Test
	void hundredConcurrentFirstFetchesOfOneClientIdCauseOneFetch() throws Exception {
		CountDownLatch allStarted = new CountDownLatch(100);
		CountingFetcher network = new CountingFetcher(() -> {
			await(allStarted);
			sleep(200); // let every follower reach the in-flight fetch
			return document("{}", Duration.ofMinutes(5));
		});
		CoalescingDocumentFetcher fetcher = fetcher(network);

		List<FetchedDocument> results = concurrently(100, allStarted, () -> fetcher.fetch(CLIENT_ID));

		assertThat(network.calls.get()).isEqualTo(1);
		assertThat(results).hasSize(100).allSatisfy((d) -> assertThat(d.body()).isEqualTo("{}".getBytes()));
	}

	@Test
	void concurrentCallersShareOneFailure() throws Exception {
		CountDownLatch allStarted = new CountDownLatch(20);
		CountingFetcher network = new CountingFetcher(() -> {
			await(allStarted);
			sleep(200);
			throw new ClientIdMetadataDocumentException("the client metadata document could not be fetched (HTTP 404)");
		});
		CoalescingDocumentFetcher fetcher = fetcher(network);

		List<String> reasons = concurrently(20, allStarted, () -> {
			try {
				fetcher.fetch(CLIENT_ID);
				return "fetched";
			}
			catch (ClientIdMetadataDocumentException ex) {
				return ex.getMessage();
			}
		});

		assertThat(network.calls.get()).isEqualTo(1);
		assertThat(reasons).hasSize(20).containsOnly("the client metadata document could not be fetched (HTTP 404)");
	}

	@Test
	void sequentialFetchesAreNotCoalesced() {
		CountingFetcher network = new CountingFetcher(() -> document("{}", null));
		CoalescingDocumentFetcher fetcher = fetcher(network);

		fetcher.fetch(CLIENT_ID);
		fetcher.fetch(CLIENT_ID);

		assertThat(network.calls.get()).isEqualTo(2);
	}

	@Test
	void unreachableHostIsNotAskedAgainWithinNegativeTtl() {
		CountingFetcher network = new CountingFetcher(() -> {
			throw new TransientFetchException("could not connect to the client_id host", false);
		});
		CoalescingDocumentFetcher fetcher = fetcher(network);

		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(TransientFetchException.class).isThrownBy(() -> fetcher.fetch(CLIENT_ID))
				.withMessage("could not connect to the client_id host");
		}
		assertThat(network.calls.get()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(11));
		assertThatExceptionOfType(TransientFetchException.class).isThrownBy(() -> fetcher.fetch(CLIENT_ID));
		assertThat(network.calls.get()).isEqualTo(2);
	}

	@Test
	void errorResponsesAreNeverCached() {
		CountingFetcher network = new CountingFetcher(() -> {
			throw new TransientFetchException("the client metadata document could not be fetched (HTTP 503)", true);
		});
		CoalescingDocumentFetcher fetcher = fetcher(network);

		assertThatExceptionOfType(TransientFetchException.class).isThrownBy(() -> fetcher.fetch(CLIENT_ID));
		assertThatExceptionOfType(TransientFetchException.class).isThrownBy(() -> fetcher.fetch(CLIENT_ID));

		assertThat(network.calls.get()).isEqualTo(2);
	}

	@Test
	void servesRecentCopyWithZeroLifetimeWhenRefetchFailsTransiently() {
		List<Supplier<FetchedDocument>> answers = new ArrayList<>(List.of(() -> document("{\"v\":1}", null), () -> {
			throw new TransientFetchException("the client metadata document could not be fetched (HTTP 502)", true);
		}));
		CoalescingDocumentFetcher fetcher = fetcher(new CountingFetcher(() -> answers.remove(0).get()));
		fetcher.fetch(CLIENT_ID);
		this.clock.advance(Duration.ofMinutes(30));

		FetchedDocument stale = fetcher.fetch(CLIENT_ID);

		assertThat(new String(stale.body(), StandardCharsets.UTF_8)).isEqualTo("{\"v\":1}");
		assertThat(stale.maxAge()).isZero();
	}

	@Test
	void staleIfErrorWindowIsBounded() {
		List<Supplier<FetchedDocument>> answers = new ArrayList<>(List.of(() -> document("{}", null), () -> {
			throw new TransientFetchException("fetching the client metadata document took longer than 5000 ms", false);
		}));
		CoalescingDocumentFetcher fetcher = fetcher(new CountingFetcher(() -> answers.remove(0).get()));
		fetcher.fetch(CLIENT_ID);
		this.clock.advance(Duration.ofHours(1).plusSeconds(1));

		assertThatExceptionOfType(TransientFetchException.class).isThrownBy(() -> fetcher.fetch(CLIENT_ID))
			.withMessageContaining("took longer than");
	}

	@Test
	void refusalsNeverFallBackToTheLastCopy() {
		List<Supplier<FetchedDocument>> answers = new ArrayList<>(List.of(() -> document("{}", null), () -> {
			throw new ClientIdMetadataDocumentException("client_id host is not allowed by this server");
		}));
		CoalescingDocumentFetcher fetcher = fetcher(new CountingFetcher(() -> answers.remove(0).get()));
		fetcher.fetch(CLIENT_ID);

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class).isThrownBy(() -> fetcher.fetch(CLIENT_ID))
			.withMessage("client_id host is not allowed by this server");
	}

	@Test
	void remembersAtMostMaxEntriesCopies() {
		AtomicInteger calls = new AtomicInteger();
		CoalescingDocumentFetcher fetcher = new CoalescingDocumentFetcher((clientId) -> {
			if (calls.incrementAndGet() <= 3) {
				return document("{}", null);
			}
			throw new TransientFetchException("the client metadata document could not be fetched (HTTP 500)", true);
		}, Duration.ofSeconds(10), Duration.ofHours(1), 2, this.clock);
		fetcher.fetch("https://a.test/1");
		fetcher.fetch("https://a.test/2");
		fetcher.fetch("https://a.test/3"); // evicts the copy of /1

		assertThatExceptionOfType(TransientFetchException.class).isThrownBy(() -> fetcher.fetch("https://a.test/1"));
		assertThat(fetcher.fetch("https://a.test/3").maxAge()).isZero();
	}

	private CoalescingDocumentFetcher fetcher(ClientIdMetadataDocumentFetcher network) {
		return new CoalescingDocumentFetcher(network, Duration.ofSeconds(10), Duration.ofHours(1), 100, this.clock);
	}

	private static <T> List<T> concurrently(int threads, CountDownLatch started, Supplier<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(pool.submit(() -> {
					started.countDown();
					return task.get();
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(10, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static FetchedDocument document(String body, Duration maxAge) {
		return new FetchedDocument(body.getBytes(StandardCharsets.UTF_8), maxAge);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class CountingFetcher implements ClientIdMetadataDocumentFetcher {

		private final AtomicInteger calls = new AtomicInteger();

		private final Supplier<FetchedDocument> answer;

		CountingFetcher(Supplier<FetchedDocument> answer) {
			this.answer = answer;
		}

		@Override
		public FetchedDocument fetch(String clientId) {
			this.calls.incrementAndGet();
			return this.answer.get();
		}

	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
