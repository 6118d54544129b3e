package dev.mcpauth.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The two bounds of every load loop, error accounting and percentiles. */
class LoadLoopTest {

	@Test
	void stopsAtTheOperationBound() throws InterruptedException {
		AtomicInteger calls = new AtomicInteger();

		LoadLoop.Sample sample = LoadLoop.run(new LoadSpec(3, 25, Duration.ofSeconds(30)),
				(worker) -> calls::incrementAndGet);

		assertThat(calls).hasValue(25);
		assertThat(sample.operations()).isEqualTo(25);
		assertThat(sample.result().errors()).isZero();
	}

	@Test
	void stopsAtTheTimeBound() throws InterruptedException {
		LoadLoop.Sample sample = LoadLoop.run(new LoadSpec(2, 1_000_000, Duration.ofMillis(300)),
				(worker) -> () -> Thread.sleep(20));

		assertThat(sample.elapsedNanos()).isBetween(Duration.ofMillis(300).toNanos(), Duration.ofSeconds(5).toNanos());
		assertThat(sample.operations()).isBetween(2L, 40L);
	}

	@Test
	void countsFailuresApartFromLatenciesAndKeepsTheFirstReason() throws InterruptedException {
		AtomicInteger calls = new AtomicInteger();

		LoadResult result = LoadLoop.run(new LoadSpec(1, 10, Duration.ofSeconds(30)), (worker) -> () -> {
			if (calls.incrementAndGet() % 2 == 0) {
				throw new IllegalStateException("even call " + calls.get());
			}
		}).result();

		assertThat(result.operations()).isEqualTo(5);
		assertThat(result.errors()).isEqualTo(5);
		assertThat(result.firstError()).isEqualTo("IllegalStateException: even call 2");
	}

	@Test
	void percentilesUseTheNearestRank() {
		long[] latencies = new long[200];
		for (int i = 0; i < latencies.length; i++) {
			latencies[latencies.length - 1 - i] = (i + 1) * 1_000_000L; // 1..200 ms, unsorted
		}

		LoadResult result = LoadResult.of(latencies, 0, null, Duration.ofSeconds(4).toNanos());

		assertThat(result.p50Millis()).isEqualTo(100.0);
		assertThat(result.p99Millis()).isEqualTo(198.0);
		assertThat(result.maxMillis()).isEqualTo(200.0);
		assertThat(result.perSecond()).isEqualTo(50.0);
	}

	@Test
	void mergesRoundsByPoolingLatenciesAndAddingTime() {
		LoadLoop.Sample first = new LoadLoop.Sample(new long[][] { { 1_000_000L }, { 3_000_000L } }, 1, "first", 1_000_000_000L);
		LoadLoop.Sample second = new LoadLoop.Sample(new long[][] { { 2_000_000L } }, 0, null, 1_000_000_000L);

		LoadResult merged = LoadLoop.Sample.merge(java.util.List.of(first, second)).result();

		assertThat(merged.operations()).isEqualTo(3);
		assertThat(merged.errors()).isEqualTo(1);
		assertThat(merged.firstError()).isEqualTo("first");
		assertThat(merged.perSecond()).isEqualTo(1.5);
		assertThat(merged.p50Millis()).isEqualTo(2.0);
	}

}
