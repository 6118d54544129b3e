package dev.mcpauth.benchmarks.load;

import java.time.Duration;

/**
 * How much load one measurement applies. Every loop is bounded twice: it stops after {@code maxOperations} or
 * after {@code maxDuration}, whichever comes first, so a slow machine shortens the sample instead of the run
 * hanging.
 *
 * @param concurrency worker threads, each with its own keep-alive connection
 * @param maxOperations operations over all workers
 * @param maxDuration wall-clock bound of the measurement
 */
public record LoadSpec(int concurrency, int maxOperations, Duration maxDuration) {

	public LoadSpec {
		if (concurrency < 1 || maxOperations < 1 || maxDuration.isNegative() || maxDuration.isZero()) {
			throw new IllegalArgumentException("a load needs at least one worker, one operation and some time");
		}
	}

	public LoadSpec withConcurrency(int workers) {
		return new LoadSpec(workers, this.maxOperations, this.maxDuration);
	}

}
