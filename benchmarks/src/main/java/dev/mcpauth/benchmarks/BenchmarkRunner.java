package dev.mcpauth.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mcpauth.benchmarks.BenchmarkOptions.Scenario;
import dev.mcpauth.benchmarks.micro.MicroBenchmarks;
import dev.mcpauth.benchmarks.oauth.ClientMetadataHost;
import dev.mcpauth.benchmarks.profile.ExecutionProfile;
import dev.mcpauth.benchmarks.report.Machine;
import dev.mcpauth.benchmarks.report.MarkdownReport;
import dev.mcpauth.benchmarks.report.Results;
import dev.mcpauth.benchmarks.scenario.AuthorizationServerBenchmark;
import dev.mcpauth.benchmarks.scenario.DemoBenchmark;
import dev.mcpauth.benchmarks.scenario.ProductionStart;
import dev.mcpauth.benchmarks.scenario.ResourceServerBenchmark;
import dev.mcpauth.benchmarks.scenario.RunSettings;
import dev.mcpauth.benchmarks.scenario.Servers;
import dev.mcpauth.benchmarks.scenario.SideBySideBenchmark;
import dev.mcpauth.demo.ServiceJars;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the benchmarks of issue 8 and prints their Markdown table; the same results go to
 * {@code target/results.json} (and {@code results.md}). Exit status: 0 when every scenario ran, 1 when one failed
 * (a broken scenario, never a slow one), 2 for bad options.
 */
public final class BenchmarkRunner {

	/**
	 * The server JVMs: a fixed heap so that the compared servers and runs differ in nothing else; the collector
	 * and the JIT are the JVM's defaults (G1, tiered C2), as in a production start.
	 */
	static final List<String> SERVER_JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m");

	private final BenchmarkOptions options;

	private final RunSettings settings;

	private final PrintStream out;

	private final PrintStream err;

	BenchmarkRunner(BenchmarkOptions options, PrintStream out, PrintStream err) {
		this.options = options;
		this.settings = options.smoke() ? RunSettings.smokeTest() : RunSettings.full();
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(targetDirectory(), args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("benchmarks: " + ex.getMessage());
			System.err.print(BenchmarkOptions.USAGE);
			System.exit(2);
			return;
		}
		System.exit(new BenchmarkRunner(options, System.out, System.err).run());
	}

	int run() {
		List<String> failures = new ArrayList<>();
		Machine machine = Machine.current(SERVER_JVM_OPTIONS);
		Path logDir = this.options.outputDir().resolve("logs");
		Path jfrDir = this.options.jfr() ? this.options.outputDir().resolve("jfr") : null;
		ResourceServerBenchmark.Result rs = null;
		AuthorizationServerBenchmark.Result as = null;
		DemoBenchmark.Result demo = null;
		SideBySideBenchmark.Result sideBySide = null;
		List<MicroBenchmarks.Row> micro = null;
		Map<String, Instant> readyTimes = Map.of();
		try {
			prepare(jfrDir);
			ServiceJars jars = ServiceJars.locate(this.options.appsDir());
			try (Servers servers = new Servers(jars, SERVER_JVM_OPTIONS, logDir, jfrDir, Duration.ofSeconds(120));
					ClientMetadataHost clients = new ClientMetadataHost()) {
				if (this.options.runs(Scenario.RS)) {
					rs = attempt("resource server", failures,
							() -> new ResourceServerBenchmark(servers, clients, this.settings, this::progress).run());
				}
				if (this.options.runs(Scenario.AS) || this.options.runs(Scenario.CIMD)) {
					as = attempt("authorization server", failures,
							() -> new AuthorizationServerBenchmark(servers, clients, this.settings, this::progress,
									"auth-server", List.of())
								.run(this.options.runs(Scenario.AS), this.options.runs(Scenario.CIMD)));
				}
				if (this.options.runs(Scenario.KEYCLOAK) || this.options.runs(Scenario.START)) {
					boolean withKeycloak = this.options.runs(Scenario.KEYCLOAK);
					ProductionStart production = new ProductionStart(this.options.outputDir().resolve("cds-production"),
							this.options.productionDatabase());
					sideBySide = attempt(withKeycloak ? "side by side with Keycloak" : "production start", failures,
							() -> new SideBySideBenchmark(servers, clients, this.settings, this::progress,
									targetDirectory(), this.options.keycloakJava(), SERVER_JVM_OPTIONS, logDir, jfrDir,
									production)
								.run(this.options.keycloakFirst(), withKeycloak));
				}
				readyTimes = servers.readyTimes();
			}
			if (this.options.runs(Scenario.DEMO)) {
				demo = attempt("demo", failures, () -> demoBenchmark(logDir.resolve("demo")).run());
				if (demo != null && demo.runs().stream().anyMatch((run) -> !run.success())) {
					failures.add("demo: a run failed (see the table and " + logDir.resolve("demo") + ")");
				}
			}
			if (this.options.runs(Scenario.JMH)) {
				progress("JMH micro-benchmarks");
				micro = attempt("JMH", failures, () -> MicroBenchmarks.run(this.settings.jmh(), this.settings.smokeRun()));
			}
		}
		catch (IOException | RuntimeException ex) {
			failures.add("setup: " + ex.getMessage());
		}
		List<ExecutionProfile.Summary> profiles = (jfrDir == null) ? null : profiles(jfrDir, readyTimes, failures);
		Results results = new Results(this.settings.smokeRun() ? "smoke" : "full", machine, Machine.currentLoadAverage(), rs, as,
				sideBySide, demo, micro, profiles, failures);
		String markdown = MarkdownReport.render(results);
		this.out.print(markdown);
		try {
			Files.createDirectories(this.options.outputDir());
			JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
			Files.writeString(this.options.outputDir().resolve("results.json"), json.writeValueAsString(results));
			Files.writeString(this.options.outputDir().resolve("results.md"), markdown);
			progress("results written to " + this.options.outputDir().resolve("results.json"));
		}
		catch (IOException ex) {
			this.err.println("benchmarks: cannot write the results: " + ex.getMessage());
			return 1;
		}
		return failures.isEmpty() ? 0 : 1;
	}

	private void prepare(Path jfrDir) throws IOException {
		if (jfrDir == null) {
			return;
		}
		Files.createDirectories(jfrDir);
		try (DirectoryStream<Path> old = Files.newDirectoryStream(jfrDir, "*.jfr")) {
			for (Path recording : old) {
				Files.delete(recording);
			}
		}
	}

	/** One summary per recording, from the moment its server was ready (start-up is not what is measured). */
	private List<ExecutionProfile.Summary> profiles(Path jfrDir, Map<String, Instant> readyTimes,
			List<String> failures) {
		List<ExecutionProfile.Summary> summaries = new ArrayList<>();
		try (DirectoryStream<Path> recordings = Files.newDirectoryStream(jfrDir, "*.jfr")) {
			for (Path recording : recordings) {
				String server = recording.getFileName().toString().replaceFirst("\\.jfr$", "");
				try {
					summaries.add(ExecutionProfile.summarise(recording, readyTimes.getOrDefault(server, Instant.MIN), 12));
				}
				catch (IOException | RuntimeException ex) {
					// e.g. a recording of a newer JDK (Keycloak's) than this runner's: the others still count
					this.progress("profile " + recording.getFileName() + " not read: " + ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			failures.add("profiles: " + ex.getMessage());
		}
		return summaries;
	}

	/** Runs one scenario; a failure is recorded with its reason and the run goes on with the next one. */
	private <T> T attempt(String scenario, List<String> failures, Step<T> step) {
		try {
			return step.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failures.add(scenario + ": interrupted");
		}
		catch (Exception ex) {
			String reason = (ex.getMessage() == null) ? ex.getClass().getSimpleName() : ex.getMessage();
			failures.add(scenario + ": " + reason);
			progress(scenario + " FAILED: " + reason);
		}
		return null;
	}

	private void progress(String message) {
		this.err.println("benchmarks: " + message);
	}

	/**
	 * The demo as a user runs it: the orchestrator's jar in {@code demo-orchestrator/target}, where its build put the
	 * services' jars and the class data sharing layout. Without that directory (the runner's jar was moved), the copy
	 * on this runner's class path runs against this runner's {@code apps} directory, without the fast-start layout.
	 */
	private DemoBenchmark demoBenchmark(Path logDir) throws URISyntaxException {
		Path copy = Path.of(ServiceJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path moduleTarget = targetDirectory().resolve(Path.of("..", "..", "demo-orchestrator", "target")).normalize();
		Path moduleJar = moduleTarget.resolve(copy.getFileName());
		if (Files.isRegularFile(moduleJar) && Files.isDirectory(moduleTarget.resolve("apps"))) {
			return new DemoBenchmark(moduleJar, null, logDir, this.settings.demoRuns(), this::progress);
		}
		return new DemoBenchmark(copy, this.options.appsDir(), logDir, this.settings.demoRuns(), this::progress);
	}

	/** The directory of this runner's jar ({@code benchmarks/target}); from an IDE, its classes' parent. */
	static Path targetDirectory() {
		try {
			Path location = Path.of(BenchmarkRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return location.toAbsolutePath().getParent();
		}
		catch (URISyntaxException | RuntimeException ex) {
			return Path.of("benchmarks", "target").toAbsolutePath();
		}
	}

	@FunctionalInterface
	private interface Step<T> {

		T run() throws Exception;

	}

}
