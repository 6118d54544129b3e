package dev.mcpauth.consumers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Copies a consumer project from {@code src/test/consumers/} to {@code target/consumers/}, puts the version under
 * test into its {@code pom.xml} and builds it with the project's Maven wrapper against the local repository that
 * {@code ./mvnw install} filled, exactly as a user's own build would resolve our starters.
 */
final class ConsumerBuild {

	static final List<String> PROJECTS = List.of("authorization-server-consumer", "mcp-server-consumer",
			"java-client-consumer");

	/** The library modules whose installed jars must be the ones this reactor just built. */
	private static final List<String> LIBRARIES = List.of("mcp-authorization-server", "mcp-resource-server",
			"mcp-oauth-client");

	static final String JAVA_CLIENT_MAIN_CLASS = "com.example.client.ConsumerClient";

	private final Path localRepository;

	private final String version;

	private final Path rootDirectory;

	private final Path workDirectory;

	private ConsumerBuild(Path localRepository, String version, Path rootDirectory, Path workDirectory) {
		this.localRepository = localRepository;
		this.version = version;
		this.rootDirectory = rootDirectory;
		this.workDirectory = workDirectory;
	}

	static ConsumerBuild fromSystemProperties() {
		return new ConsumerBuild(Path.of(required("consumers.localRepository")), required("consumers.projectVersion"),
				Path.of(required("consumers.rootDirectory")), Path.of(required("consumers.workDirectory")));
	}

	private static String required(String name) {
		String value = System.getProperty(name);
		assertThat(value).as("system property " + name + " (set by the module's failsafe configuration)")
			.isNotBlank();
		return value;
	}

	Path installedJar(String artifactId) {
		return this.localRepository.resolve("dev/mcpauth/" + artifactId + "/" + this.version + "/" + artifactId + "-"
				+ this.version + ".jar");
	}

	/**
	 * The consumers must build against this build's libraries, not a stale install: under {@code ./mvnw install}
	 * (the README's test command) the reactor installs each library before this module runs. A plain
	 * {@code ./mvnw verify} installs nothing, so the test is skipped there, except on CI where it must run.
	 */
	void requireInstalledArtifacts() throws IOException {
		for (String library : LIBRARIES) {
			Path built = this.rootDirectory.resolve("libraries/" + library + "/target/" + library + "-" + this.version
					+ ".jar");
			Path installed = installedJar(library);
			boolean fresh = Files.isRegularFile(built) && Files.isRegularFile(installed)
					&& sha256(built).equals(sha256(installed));
			if (!fresh) {
				String reason = library + " in " + this.localRepository + " is missing or not the jar this build made ("
						+ built + "): run ./mvnw install";
				if ("true".equals(System.getenv("CI"))) {
					fail(reason);
				}
				Assumptions.abort(reason);
			}
		}
	}

	/** Builds one consumer project; its runnable jar is {@code target/<project>.jar} in the copy. */
	Path build(String project, Duration timeout) throws IOException, InterruptedException {
		Path source = Path.of("src/test/consumers", project).toAbsolutePath();
		Path copy = this.workDirectory.resolve(project);
		copyTree(source, copy);
		Path pom = copy.resolve("pom.xml");
		Files.writeString(pom, Files.readString(pom).replace("@mcpauth.version@", this.version));
		Path log = this.workDirectory.resolve(project + "-build.log");
		List<String> command = List.of(mavenWrapper().toString(), "-B", "-ntp", "-q", "-f", pom.toString(),
				"-Dmaven.repo.local=" + this.localRepository, "-DskipTests", "package");
		Process maven = new ProcessBuilder(command).directory(copy.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!maven.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
			maven.destroyForcibly();
			fail("building " + project + " took longer than " + timeout + "; log " + log);
		}
		assertThat(maven.exitValue()).as("mvn package of %s; log:%n%s", project, Files.readString(log)).isZero();
		Path jar = jar(project);
		assertThat(jar).as("runnable jar of " + project).isRegularFile();
		return jar;
	}

	Path jar(String project) {
		return this.workDirectory.resolve(project).resolve("target/" + project + ".jar");
	}

	/**
	 * How {@code java} starts the project: {@code -jar} for the Spring Boot consumers, a plain class path (its jar
	 * and {@code target/lib/}) and main class for the plain Java client.
	 */
	List<String> launch(String project) {
		Path lib = this.workDirectory.resolve(project).resolve("target/lib");
		if (Files.isDirectory(lib)) {
			String separator = System.getProperty("path.separator");
			return List.of("-cp", jar(project) + separator + lib + "/*", JAVA_CLIENT_MAIN_CLASS);
		}
		return List.of("-jar", jar(project).toString());
	}

	/** The plain Java client's jars: its whole run-time class path. */
	List<String> runtimeLibraries(String project) throws IOException {
		try (Stream<Path> jars = Files.list(this.workDirectory.resolve(project).resolve("target/lib"))) {
			return jars.map((jar) -> jar.getFileName().toString()).sorted().toList();
		}
	}

	Path logFile(String name) {
		return this.workDirectory.resolve(name + ".log");
	}

	private Path mavenWrapper() {
		boolean windows = System.getProperty("os.name", "").toLowerCase().contains("win");
		return this.rootDirectory.resolve(windows ? "mvnw.cmd" : "mvnw");
	}

	private static void copyTree(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : paths.toList()) {
				Path destination = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(destination);
				}
				else {
					Files.copy(path, destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static String sha256(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[8192];
			for (int read; (read = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
