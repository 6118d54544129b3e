package dev.mcpauth.benchmarks.load;

import java.util.Arrays;

/**
 * What a measurement observed.
 *
 * @param operations successful operations
 * @param errors failed operations (not part of the latencies)
 * @param firstError the first failure's message, or {@code null}
 * @param seconds wall time from the common start to the last worker's end
 * @param perSecond successful operations per second of wall time
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 * @param maxMillis slowest operation
 */
public record LoadResult(long operations, long errors, String firstError, double seconds, double perSecond,
		double p50Millis, double p99Millis, double maxMillis) {

	/**
	 * Summarises latencies in nanoseconds (sorted in place). Percentiles use the nearest-rank method, so p99 of
	 * fewer than 100 samples is the maximum.
	 */
	public static LoadResult of(long[] latencyNanos, long errors, String firstError, long elapsedNanos) {
		Arrays.sort(latencyNanos);
		double seconds = elapsedNanos / 1e9;
		return new LoadResult(latencyNanos.length, errors, firstError, seconds,
				(seconds > 0) ? latencyNanos.length / seconds : 0, millis(percentile(latencyNanos, 50)),
				millis(percentile(latencyNanos, 99)),
				millis(latencyNanos.length == 0 ? 0 : latencyNanos[latencyNanos.length - 1]));
	}

	/** Combines results of the same load measured in several rounds: counts and latencies pooled. */
	public static LoadResult pooled(long[][] latencyNanosPerRound, long errors, String firstError,
			long elapsedNanos) {
		long[] all = Arrays.stream(latencyNanosPerRound).flatMapToLong(Arrays::stream).toArray();
		return of(all, errors, firstError, elapsedNanos);
	}

	static long percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

}
