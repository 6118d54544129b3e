package dev.mcpauth.demo.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A service or the client running as a child process. A service writes stdout and stderr to a log file; the
 * client's output is passed on line by line as it comes (the trace is meant to be watched live).
 */
public final class ChildProcess implements AutoCloseable {

	/** How long a child gets to shut down after SIGTERM before it is killed. */
	public static final Duration STOP_GRACE = Duration.ofSeconds(5);

	private final String name;

	private final Process process;

	private final Path logFile;

	private final List<Thread> pumps;

	private ChildProcess(String name, Process process, Path logFile, List<Thread> pumps) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
		this.pumps = pumps;
	}

	/** Starts a child whose stdout and stderr both go to {@code logFile} (created or truncated). */
	public static ChildProcess startLogged(String name, JavaCommand command, Path logFile) {
		try {
			Files.createDirectories(logFile.toAbsolutePath().getParent());
			Process process = new ProcessBuilder(command.commandLine()).redirectErrorStream(true)
				.redirectOutput(logFile.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
				.start();
			return new ChildProcess(name, process, logFile, List.of());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name + ": " + ex.getMessage(), ex);
		}
	}

	/** Starts a child whose stdout and stderr lines are handed to the consumers as they are written. */
	public static ChildProcess startPiped(String name, JavaCommand command, Consumer<String> stdout,
			Consumer<String> stderr) {
		try {
			Process process = new ProcessBuilder(command.commandLine())
				.redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
				.start();
			List<Thread> pumps = List.of(pump(name + "-stdout", process.getInputStream(), stdout),
					pump(name + "-stderr", process.getErrorStream(), stderr));
			return new ChildProcess(name, process, null, pumps);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name + ": " + ex.getMessage(), ex);
		}
	}

	public String name() {
		return this.name;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Optional<Path> logFile() {
		return Optional.ofNullable(this.logFile);
	}

	/**
	 * Waits for the child to exit and for its output to be passed on completely.
	 * @return the exit status, or empty if the child still runs after {@code timeout}
	 */
	public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			return OptionalInt.empty();
		}
		for (Thread pump : this.pumps) {
			pump.join(TimeUnit.SECONDS.toMillis(2));
		}
		return OptionalInt.of(this.process.exitValue());
	}

	public OptionalInt exitStatus() {
		return this.process.isAlive() ? OptionalInt.empty() : OptionalInt.of(this.process.exitValue());
	}

	/** The last {@code count} lines of the log file (empty for a piped child). */
	public List<String> tail(int count) {
		if (this.logFile == null || !Files.isReadable(this.logFile)) {
			return List.of();
		}
		try {
			String[] lines = new String(Files.readAllBytes(this.logFile), StandardCharsets.UTF_8).split("\\R");
			return Arrays.asList(lines).subList(Math.max(0, lines.length - count), lines.length);
		}
		catch (IOException ex) {
			return List.of("(cannot read " + this.logFile + ": " + ex.getMessage() + ")");
		}
	}

	/**
	 * Asks the child to stop (SIGTERM, so Spring closes its context), kills it and anything it started if it has
	 * not exited after {@code grace}. Safe to call more than once and from a shutdown hook.
	 */
	public void stop(Duration grace) {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
					this.process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	@Override
	public void close() {
		stop(STOP_GRACE);
	}

	private static Thread pump(String threadName, InputStream in, Consumer<String> sink) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					sink.accept(line);
				}
			}
			catch (IOException ex) {
				// the child went away; its exit status tells what happened
			}
		}, threadName);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Children read no input: the client runs headless, and a server must not wait on the console. */
	private static File nullDevice() {
		return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
	}

}
