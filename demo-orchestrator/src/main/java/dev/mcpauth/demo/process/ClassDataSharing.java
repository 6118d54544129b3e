package dev.mcpauth.demo.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Spring Boot's fast-start layout for a runnable jar: the jar extracted ({@code java -Djarmode=tools -jar app.jar
 * extract}, so classes load from plain jars on the class path) plus an archive recorded by a training run that stops
 * once the application context is refreshed. On Java 17 to 24 that is a dynamic AppCDS archive (JEP 350): the
 * classes parsed and verified. From Java 25 on it is the JDK's ahead-of-time cache (JEP 483 and JEP 514: the
 * classes loaded and linked, plus method profiles, JEP 515), which cuts another quarter of the start. A service then
 * starts in about half the time. The build prepares it ({@code --prepare}); a missing or outdated preparation only
 * means a plain start.
 */
public final class ClassDataSharing {

	private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

	private final Path cacheRoot;

	private final Archive archive;

	/** @param cacheRoot where the extracted jars and archives live, one directory per service; null: never used */
	public ClassDataSharing(Path cacheRoot) {
		this(cacheRoot, Runtime.version());
	}

	/** @param jvm the version of the JVM that records and uses the archive (the running one) */
	ClassDataSharing(Path cacheRoot, Runtime.Version jvm) {
		this.cacheRoot = (cacheRoot != null) ? cacheRoot.toAbsolutePath().normalize() : null;
		this.archive = Archive.forJvm(jvm);
	}

	/** Plain starts only. */
	public static ClassDataSharing off() {
		return new ClassDataSharing(null);
	}

	/**
	 * The command to run: the extracted jar with its archive when both were prepared from this very jar, else
	 * {@code command} unchanged. JVM logging goes to stderr at error level only, so that an archive the JVM
	 * declines (it falls back to a plain start, {@code -Xshare:auto}) never writes into the client's trace.
	 */
	public JavaCommand apply(String name, JavaCommand command) {
		if (this.cacheRoot == null) {
			return command;
		}
		Layout layout = layout(name, command.jar());
		if (!layout.isCurrent()) {
			return command;
		}
		List<String> jvmOptions = new ArrayList<>(command.jvmOptions());
		jvmOptions.addAll(List.of(this.archive.useOption + layout.archive(), "-Xlog:disable",
				"-Xlog:all=error:stderr"));
		return new JavaCommand(layout.extractedJar(), jvmOptions, command.arguments());
	}

	/**
	 * Extracts the jar and records the archive with a training run of {@code trainingCommand}, unless that was
	 * already done for this jar.
	 * @return a one-line outcome for the build log
	 */
	public String prepare(String name, JavaCommand trainingCommand) throws IOException, InterruptedException {
		if (this.cacheRoot == null) {
			return name + ": class data sharing is off";
		}
		Layout layout = layout(name, trainingCommand.jar());
		if (layout.isCurrent()) {
			return name + ": up to date";
		}
		long start = System.nanoTime();
		deleteRecursively(layout.directory());
		Files.createDirectories(layout.directory());
		run(new JavaCommand(trainingCommand.jar(), List.of("-Djarmode=tools"),
				List.of("extract", "--destination", layout.directory().resolve("app").toString())),
				layout.directory().resolve("extract.log"));
		List<String> training = new ArrayList<>(trainingCommand.jvmOptions());
		training.addAll(List.of(this.archive.recordOption + layout.archive(), "-Dspring.context.exit=onRefresh"));
		Path trainingLog = layout.directory().resolve("training.log");
		run(new JavaCommand(layout.extractedJar(), training, trainingCommand.arguments()), trainingLog);
		if (!Files.isRegularFile(layout.archive())) {
			throw new IOException("the training run wrote no archive; see " + trainingLog);
		}
		Files.writeString(layout.stamp(), layout.expectedStamp(), StandardCharsets.UTF_8);
		return String.format(Locale.ROOT, "%s: prepared in %.1f s", name, (System.nanoTime() - start) / 1e9);
	}

	private static void run(JavaCommand command, Path log) throws IOException, InterruptedException {
		try (ChildProcess step = ChildProcess.startLogged("prepare", command, log)) {
			OptionalInt status = step.awaitExit(STEP_TIMEOUT);
			if (status.isEmpty() || status.getAsInt() != 0) {
				throw new IOException((status.isEmpty() ? "timed out" : "failed with status " + status.getAsInt())
						+ "; see " + log);
			}
		}
	}

	private Layout layout(String name, Path jar) {
		return new Layout(jar.toAbsolutePath().normalize(), this.cacheRoot.resolve(name), this.archive.fileName);
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/** The kind of archive the JVM can record: its file and its two options. */
	enum Archive {

		/** Java 17 to 24: dynamic AppCDS (JEP 350). */
		DYNAMIC_CDS("app.jsa", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile="),

		/** Java 25 and later: the ahead-of-time cache, recorded in one training run (JEP 514). */
		AOT_CACHE("app.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=");

		final String fileName;

		final String recordOption;

		final String useOption;

		Archive(String fileName, String recordOption, String useOption) {
			this.fileName = fileName;
			this.recordOption = recordOption;
			this.useOption = useOption;
		}

		static Archive forJvm(Runtime.Version jvm) {
			return (jvm.feature() >= 25) ? AOT_CACHE : DYNAMIC_CDS;
		}

	}

	/** Where one service's preparation lives; the stamp ties it to the exact jar it came from. */
	private record Layout(Path jar, Path directory, String archiveName) {

		Path extractedJar() {
			return this.directory.resolve("app").resolve(this.jar.getFileName());
		}

		Path archive() {
			return this.directory.resolve(this.archiveName);
		}

		Path stamp() {
			return this.directory.resolve("source.stamp");
		}

		/** The jar and the JVM: an archive is only valid for the exact JVM build that wrote it. */
		String expectedStamp() throws IOException {
			return this.jar + " " + Files.size(this.jar) + " " + Files.getLastModifiedTime(this.jar).toMillis() + " "
					+ System.getProperty("java.home") + " " + Runtime.version();
		}

		boolean isCurrent() {
			try {
				return Files.isRegularFile(this.jar) && Files.isRegularFile(extractedJar())
						&& Files.isRegularFile(archive()) && Files.isRegularFile(stamp())
						&& Files.readString(stamp(), StandardCharsets.UTF_8).equals(expectedStamp());
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

}
