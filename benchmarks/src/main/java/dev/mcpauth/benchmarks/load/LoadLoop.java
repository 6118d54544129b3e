package dev.mcpauth.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs an {@link Operation} on {@code concurrency} threads at once (closed loop: each worker starts its next
 * operation when the previous one answered) until the operation or time bound of the {@link LoadSpec} is reached.
 */
public final class LoadLoop {

	/** A measurement with more failures than this stops early: its numbers would mean nothing. */
	private static final int MAX_ERRORS = 50;

	private LoadLoop() {
	}

	/**
	 * @param spec the bounds
	 * @param workerFactory builds worker {@code i}'s operation (on the calling thread, before the clock starts)
	 * @return latencies of the successful operations, and the error count
	 */
	public static Sample run(LoadSpec spec, IntFunction<Operation> workerFactory) throws InterruptedException {
		List<Operation> operations = new ArrayList<>();
		for (int i = 0; i < spec.concurrency(); i++) {
			operations.add(workerFactory.apply(i));
		}
		AtomicInteger tickets = new AtomicInteger(spec.maxOperations());
		AtomicLong errors = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		CountDownLatch start = new CountDownLatch(1);
		long[][] latencies = new long[spec.concurrency()][];
		List<Thread> threads = new ArrayList<>();
		long[] clock = new long[1];
		for (int i = 0; i < spec.concurrency(); i++) {
			int worker = i;
			Thread thread = new Thread(() -> {
				Operation operation = operations.get(worker);
				LongList timings = new LongList();
				try {
					start.await();
					long deadline = clock[0] + spec.maxDuration().toNanos();
					while (tickets.getAndDecrement() > 0 && System.nanoTime() < deadline
							&& errors.get() < MAX_ERRORS) {
						long begin = System.nanoTime();
						try {
							operation.run();
							timings.add(System.nanoTime() - begin);
						}
						catch (Exception ex) {
							errors.incrementAndGet();
							firstError.compareAndSet(null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					latencies[worker] = timings.toArray();
					operation.close();
				}
			}, "load-" + worker);
			threads.add(thread);
			thread.start();
		}
		clock[0] = System.nanoTime();
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		long elapsed = System.nanoTime() - clock[0];
		return new Sample(latencies, errors.get(), firstError.get(), elapsed);
	}

	/**
	 * The raw observations of one run.
	 * @param latencyNanos per worker, the latency of each successful operation
	 * @param errors failed operations
	 * @param firstError the first failure, or {@code null}
	 * @param elapsedNanos wall time of the run
	 */
	public record Sample(long[][] latencyNanos, long errors, String firstError, long elapsedNanos) {

		public long operations() {
			return Arrays.stream(this.latencyNanos).mapToLong((worker) -> worker.length).sum();
		}

		public LoadResult result() {
			return LoadResult.pooled(this.latencyNanos, this.errors, this.firstError, this.elapsedNanos);
		}

		/** Several rounds of the same load as one sample: latencies pooled, errors and wall times added. */
		public static Sample merge(List<Sample> rounds) {
			long[][] latencies = rounds.stream().flatMap((round) -> Arrays.stream(round.latencyNanos)).toArray(long[][]::new);
			String firstError = rounds.stream()
				.map(Sample::firstError)
				.filter(java.util.Objects::nonNull)
				.findFirst()
				.orElse(null);
			return new Sample(latencies, rounds.stream().mapToLong(Sample::errors).sum(), firstError,
					rounds.stream().mapToLong(Sample::elapsedNanos).sum());
		}

	}

	/** A growable array of primitive longs (no boxing inside the measured loop). */
	private static final class LongList {

		private long[] values = new long[1024];

		private int size;

		void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		long[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

	}

}
