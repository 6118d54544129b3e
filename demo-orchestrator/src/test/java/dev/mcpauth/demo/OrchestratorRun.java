package dev.mcpauth.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mcpauth.demo.process.ChildProcess;
import dev.mcpauth.demo.process.JavaCommand;

/**
 * Runs the packaged orchestrator jar exactly as a user does ({@code java -jar}), capturing its stdout and stderr,
 * so the tests also cover {@code main}, the exit status and the jar's manifest.
 */
record OrchestratorRun(int exitStatus, List<String> stdout, List<String> stderr) {

	static OrchestratorRun of(Duration timeout, String... args) throws InterruptedException {
		Path jar = Path.of(System.getProperty("demo.jar", "target/demo-orchestrator-0.1.0-SNAPSHOT.jar"));
		List<String> stdout = new CopyOnWriteArrayList<>();
		List<String> stderr = new CopyOnWriteArrayList<>();
		try (ChildProcess orchestrator = ChildProcess.startPiped("demo-orchestrator",
				new JavaCommand(jar, List.of(), List.of(args)), stdout::add, stderr::add)) {
			OptionalInt status = orchestrator.awaitExit(timeout);
			if (status.isEmpty()) {
				throw new AssertionError("orchestrator still running after " + timeout + "; stdout so far: " + stdout
						+ " stderr: " + stderr);
			}
			return new OrchestratorRun(status.getAsInt(), List.copyOf(stdout), List.copyOf(stderr));
		}
	}

	static Path itLogDir(String name) {
		return Path.of(System.getProperty("demo.it-logs-dir", "target/it-logs")).resolve(name);
	}

	@Override
	public String toString() {
		return "exit " + this.exitStatus + "\n--- stdout\n" + String.join("\n", this.stdout) + "\n--- stderr\n"
				+ String.join("\n", this.stderr);
	}

}
