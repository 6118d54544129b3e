package dev.mcpauth.benchmarks.micro;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mcpauth.benchmarks.scenario.RunSettings;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH benchmarks of this package in forked JVMs (the class path of the runner's jar) and returns one row
 * per benchmark method.
 */
public final class MicroBenchmarks {

	/** The same heap for every fork, as for the servers. */
	private static final String[] JVM_OPTIONS = { "-Xms512m", "-Xmx512m" };

	private MicroBenchmarks() {
	}

	public static List<Row> run(RunSettings.Jmh settings, boolean quiet) throws RunnerException {
		ChainedOptionsBuilder options = new OptionsBuilder()
			.include("^" + MicroBenchmarks.class.getPackageName().replace(".", "\\.") + "\\.")
			.forks(settings.forks())
			.warmupIterations(settings.warmupIterations())
			.warmupTime(time(settings.warmupTime().toMillis()))
			.measurementIterations(settings.iterations())
			.measurementTime(time(settings.iterationTime().toMillis()))
			.jvmArgsAppend(JVM_OPTIONS)
			.shouldFailOnError(true)
			.verbosity(quiet ? VerboseMode.SILENT : VerboseMode.NORMAL);
		Collection<RunResult> results = new Runner(options.build()).run();
		List<Row> rows = new ArrayList<>();
		for (RunResult run : results) {
			Result<?> primary = run.getPrimaryResult();
			String benchmark = run.getParams().getBenchmark();
			rows.add(new Row(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
					run.getParams().getMode().shortLabel(), primary.getScore(),
					Double.isNaN(primary.getScoreError()) ? 0 : primary.getScoreError(), primary.getScoreUnit(),
					primary.getSampleCount()));
		}
		return rows;
	}

	private static TimeValue time(long millis) {
		return new TimeValue(Math.max(1, millis), TimeUnit.MILLISECONDS);
	}

	/**
	 * @param benchmark {@code Class.method}
	 * @param mode JMH mode ({@code avgt}: average time per operation)
	 * @param score the mean
	 * @param error half-width of the 99.9% confidence interval (0 when there are too few samples)
	 * @param unit e.g. {@code us/op}
	 * @param samples measured iterations
	 */
	public record Row(String benchmark, String mode, double score, double error, String unit, long samples) {
	}

}
