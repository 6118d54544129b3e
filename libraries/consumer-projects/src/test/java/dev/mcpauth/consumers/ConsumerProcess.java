package dev.mcpauth.consumers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** A consumer jar running as a child process with the same Java as the test, its output in a log file. */
final class ConsumerProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private ConsumerProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ConsumerProcess start(ConsumerBuild build, String project, List<String> arguments) throws IOException {
		Path log = build.logFile(project);
		Process process = new ProcessBuilder(commandLine(build.launch(project), arguments)).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new ConsumerProcess(project, process, log);
	}

	/** Runs a consumer to completion and returns its exit code and output. */
	static Result run(ConsumerBuild build, String project, List<String> arguments, Duration timeout)
			throws IOException, InterruptedException {
		try (ConsumerProcess child = start(build, project, arguments)) {
			if (!child.process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				fail(project + " did not finish within " + timeout + "; output:%n" + child.output());
			}
			return new Result(child.process.exitValue(), child.output());
		}
	}

	/** Polls {@code uri} until it answers 200; fails with the server's log if the process ends or time runs out. */
	void awaitHttp200(URI uri, Duration timeout) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				fail(this.name + " exited with " + this.process.exitValue() + " before it was ready; log:%n" + output());
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		fail(this.name + " was not ready at " + uri + " within " + timeout + "; log:%n" + output());
	}

	String output() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private static List<String> commandLine(List<String> launch, List<String> arguments) {
		List<String> line = new ArrayList<>();
		line.add(ProcessHandle.current().info().command().orElse("java"));
		// small, short-lived JVMs on a 2-core machine (the demo's settings)
		line.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
		line.addAll(launch);
		line.addAll(arguments);
		return line;
	}

	record Result(int exitCode, String output) {
	}

}
