package dev.mcpauth.benchmarks.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mcpauth.demo.process.ChildProcess;
import dev.mcpauth.demo.process.JavaCommand;

/**
 * Scenario 4: the one-command demo, run from the orchestrator's jar exactly as a user runs it (its own fast-start
 * options for its children, and the class data sharing layout its build prepared next to its jar), on free ports. Wall time is taken from the outside, start of the JVM to its exit;
 * peak memory is the orchestrator's own figure (the sum of the high-water marks of its JVM and its three children).
 */
public final class DemoBenchmark {

	/** "demo: finished in 12.3 s; peak memory 1234 MiB (orchestrator 40, auth-server 400, ...)". */
	private static final Pattern SUMMARY = Pattern
		.compile("demo: finished in ([0-9.]+) s; peak memory ([0-9]+) MiB \\(([^)]*)\\)");

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private final Path orchestratorJar;

	private final Path appsDir;

	private final Path logDir;

	private final int runs;

	private final Consumer<String> progress;

	/**
	 * @param orchestratorJar the orchestrator's jar
	 * @param appsDir where the services' jars are, or {@code null} for the orchestrator's own default (its
	 * {@code target/apps})
	 * @param logDir the servers' logs, one directory per run
	 * @param runs how many runs
	 * @param progress where progress lines go
	 */
	public DemoBenchmark(Path orchestratorJar, Path appsDir, Path logDir, int runs, Consumer<String> progress) {
		this.orchestratorJar = orchestratorJar;
		this.appsDir = appsDir;
		this.logDir = logDir;
		this.runs = runs;
		this.progress = progress;
	}

	public Result run() throws InterruptedException {
		List<Run> results = new ArrayList<>();
		for (int i = 1; i <= this.runs; i++) {
			this.progress.accept("demo: run " + i + " of " + this.runs);
			results.add(runOnce(i));
		}
		return new Result(this.orchestratorJar.toString(), results);
	}

	private Run runOnce(int index) throws InterruptedException {
		List<String> output = new CopyOnWriteArrayList<>();
		List<String> arguments = new ArrayList<>(List.of("--as-port=0", "--rs-port=0", "--client-port=0",
				"--log-dir=" + this.logDir.resolve("run-" + index)));
		if (this.appsDir != null) {
			arguments.add("--apps-dir=" + this.appsDir);
		}
		JavaCommand command = new JavaCommand(this.orchestratorJar, List.of(), arguments);
		long begin = System.nanoTime();
		ChildProcess demo = ChildProcess.startPiped("demo-orchestrator", command, output::add, output::add);
		try {
			OptionalInt status = demo.awaitExit(TIMEOUT);
			double wall = (System.nanoTime() - begin) / 1e9;
			boolean success = output.stream().anyMatch((line) -> line.startsWith("=== Success"));
			Matcher summary = output.stream()
				.map(SUMMARY::matcher)
				.filter(Matcher::find)
				.findFirst()
				.orElse(null);
			if (status.isEmpty() || status.getAsInt() != 0 || !success || summary == null) {
				String last = output.isEmpty() ? "no output" : output.get(output.size() - 1);
				return new Run(false, wall, 0, 0, "", "exit " + (status.isEmpty() ? "timeout" : status.getAsInt())
						+ ", last line: " + last);
			}
			return new Run(true, wall, Double.parseDouble(summary.group(1)), Long.parseLong(summary.group(2)),
					summary.group(3), null);
		}
		finally {
			demo.stop(ChildProcess.STOP_GRACE);
		}
	}

	/**
	 * @param success exit 0 with the trace's success line
	 * @param wallSeconds measured from outside, JVM start to exit (includes the children's shutdown)
	 * @param reportedSeconds the orchestrator's own "finished in"
	 * @param peakMemoryMib the orchestrator's peak memory (sum of the processes' high-water marks)
	 * @param perProcess its breakdown by process
	 * @param failure why it failed, or {@code null}
	 */
	public record Run(boolean success, double wallSeconds, double reportedSeconds, long peakMemoryMib,
			String perProcess, String failure) {
	}

	/**
	 * @param orchestratorJar the jar that was run
	 * @param runs one entry per run
	 */
	public record Result(String orchestratorJar, List<Run> runs) {
	}

}
