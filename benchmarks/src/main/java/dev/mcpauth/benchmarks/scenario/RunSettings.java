package dev.mcpauth.benchmarks.scenario;

import java.time.Duration;
import java.util.List;

import dev.mcpauth.benchmarks.load.LoadSpec;

/**
 * The sizes of a run. {@link #full()} gives numbers worth reading (a few minutes); {@link #smoke()} proves in
 * seconds that every scenario still works end to end (CI), with counts too small to mean anything about speed.
 *
 * @param smokeRun whether this is the smoke run
 * @param warmup load applied before any measurement of a server (results discarded)
 * @param measure the bounds of one measured load
 * @param rsConcurrency concurrency levels of the resource server comparison
 * @param rsRounds rounds of the comparison; secured and open alternate inside each round, in turn first
 * @param asConcurrency concurrency levels of the authorization server flows and refresh grants
 * @param cimdClients cold (never seen) clients, and as many cached authorizations, in the CIMD comparison
 * @param demoRuns how many times the one-command demo is run
 * @param jmh the JMH settings
 */
public record RunSettings(boolean smokeRun, LoadSpec warmup, LoadSpec measure, List<Integer> rsConcurrency,
		int rsRounds, List<Integer> asConcurrency, int cimdClients, int demoRuns, Jmh jmh) {

	public static RunSettings full() {
		return new RunSettings(false, new LoadSpec(4, 200_000, Duration.ofSeconds(10)),
				new LoadSpec(1, 500_000, Duration.ofSeconds(6)), List.of(1, 4), 3, List.of(1, 2, 4, 8), 40, 3,
				new Jmh(2, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1)));
	}

	public static RunSettings smokeTest() {
		return new RunSettings(true, new LoadSpec(2, 20, Duration.ofSeconds(2)),
				new LoadSpec(1, 20, Duration.ofSeconds(1)), List.of(1, 2), 1, List.of(1, 2), 3, 1,
				new Jmh(1, 0, Duration.ofMillis(100), 1, Duration.ofMillis(200)));
	}

	/**
	 * @param forks JVM forks per benchmark
	 * @param warmupIterations warm-up iterations per fork
	 * @param warmupTime length of one warm-up iteration
	 * @param iterations measured iterations per fork
	 * @param iterationTime length of one measured iteration
	 */
	public record Jmh(int forks, int warmupIterations, Duration warmupTime, int iterations, Duration iterationTime) {
	}

}
