package dev.mcpauth.benchmarks.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.mcpauth.benchmarks.http.HttpConnection;
import dev.mcpauth.benchmarks.http.HttpResponse;
import dev.mcpauth.demo.process.LocalPorts;
import dev.mcpauth.demo.process.ServiceStartException;

/**
 * Keycloak from its Quarkus distribution ({@value #VERSION}, unpacked under {@code benchmarks/target/keycloak} by
 * the {@code keycloak} Maven profile), in development mode on 127.0.0.1 and a free port, with an in-memory H2
 * database (like the auth-server's), the {@code cimd} and {@code resource-indicators} features, the same heap as
 * the auth-server and a random bootstrap admin password. Its log goes to {@code logs/keycloak.log}. Ready when the
 * master realm's OpenID configuration answers 200.
 */
public final class KeycloakServer implements AutoCloseable {

	public static final String VERSION = "26.7.3";

	public static final String FEATURES = "cimd,resource-indicators";

	/** Keycloak 26 needs Java 21 or later; the runner itself may run on 17. */
	static final int MINIMUM_JAVA = 21;

	private final Process process;

	private final int port;

	private final String adminPassword;

	private final Duration startup;

	private KeycloakServer(Process process, int port, String adminPassword, Duration startup) {
		this.process = process;
		this.port = port;
		this.adminPassword = adminPassword;
		this.startup = startup;
	}

	/** {@code <target>/keycloak/keycloak-<version>}, where the {@code keycloak} profile unpacks the zip. */
	public static Path home(Path targetDir) {
		return targetDir.resolve("keycloak").resolve("keycloak-" + VERSION);
	}

	/**
	 * @param home the unpacked distribution
	 * @param javaHome a JDK of at least version 21
	 * @param jvmOptions the heap options (the auth-server's), as {@code JAVA_OPTS_KC_HEAP}
	 * @param jfr a JFR recording to write when the server stops, or {@code null}
	 * @param log the log file
	 */
	public static KeycloakServer start(Path home, Path javaHome, List<String> jvmOptions, Path jfr, Path log,
			Duration timeout) throws ServiceStartException, InterruptedException, IOException {
		Path script = home.resolve("bin").resolve("kc.sh");
		if (!Files.isRegularFile(script)) {
			throw new ServiceStartException("no Keycloak distribution at " + home
					+ ": run ./mvnw -q -pl benchmarks -am -Pkeycloak -DskipTests package once", List.of());
		}
		int port = LocalPorts.pickFree();
		int management = LocalPorts.pickFree();
		byte[] secret = new byte[18];
		new SecureRandom().nextBytes(secret);
		String password = HexFormat.of().formatHex(secret);
		// through sh: an unpacked zip may have lost the script's executable bit
		List<String> command = List.of("/bin/sh", script.toAbsolutePath().toString(), "start-dev", "--features=" + FEATURES,
				"--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + management,
				"--hostname-strict=false", "--db=dev-mem");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(home.toFile());
		Files.createDirectories(log.getParent());
		Map<String, String> env = builder.environment();
		env.put("JAVA_HOME", javaHome.toString());
		env.put("JAVA", javaHome.resolve("bin").resolve("java").toString());
		env.put("JAVA_OPTS_KC_HEAP", String.join(" ", jvmOptions));
		if (jfr != null) {
			env.put("JAVA_OPTS_APPEND", "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
					+ jfr.toAbsolutePath());
		}
		env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
		env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", password);
		long begin = System.nanoTime();
		Process process = builder.start();
		KeycloakServer server = new KeycloakServer(process, port, password, null);
		long deadline = begin + timeout.toNanos();
		String last = "no answer";
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new ServiceStartException("Keycloak exited with " + process.exitValue() + " before it was ready",
						tail(log, 25));
			}
			try (HttpConnection connection = HttpConnection.localhost(port)) {
				HttpResponse metadata = connection.get("/realms/master/.well-known/openid-configuration",
						Map.of("Accept", "application/json"));
				if (metadata.status() == 200) {
					return new KeycloakServer(process, port, password, Duration.ofNanos(System.nanoTime() - begin));
				}
				last = "status " + metadata.status();
			}
			catch (IOException | UncheckedIOException ex) {
				last = ex.getMessage();
			}
			Thread.sleep(100);
		}
		server.close();
		throw new ServiceStartException("Keycloak was not ready within " + timeout.toSeconds() + " s (last: " + last
				+ ")", tail(log, 25));
	}

	/**
	 * A JDK for Keycloak: {@code javaHome} when given, else the newest JDK of at least version 21 among the
	 * directories of {@code /usr/lib/jvm}, else this JVM's own home if it is recent enough.
	 */
	public static Path javaHome(Path configured) {
		if (configured != null) {
			return configured;
		}
		List<Path> candidates = new ArrayList<>();
		Path jvms = Path.of("/usr/lib/jvm");
		if (Files.isDirectory(jvms)) {
			try (Stream<Path> list = Files.list(jvms)) {
				list.filter((dir) -> javaVersion(dir) >= MINIMUM_JAVA).forEach(candidates::add);
			}
			catch (IOException ex) {
				// no candidates from there
			}
		}
		candidates.sort((a, b) -> Integer.compare(javaVersion(b), javaVersion(a)));
		if (!candidates.isEmpty()) {
			return candidates.get(0);
		}
		Path own = Path.of(System.getProperty("java.home"));
		if (Runtime.version().feature() >= MINIMUM_JAVA) {
			return own;
		}
		throw new IllegalStateException("Keycloak " + VERSION + " needs Java " + MINIMUM_JAVA
				+ "+; none found in /usr/lib/jvm: pass --keycloak-java=DIR");
	}

	/** The feature version in a JDK's {@code release} file ({@code JAVA_VERSION="25.0.1"}), or 0. */
	static int javaVersion(Path jdk) {
		Path release = jdk.resolve("release");
		if (!Files.isRegularFile(release) || !Files.isExecutable(jdk.resolve("bin").resolve("java"))) {
			return 0;
		}
		try {
			for (String line : Files.readAllLines(release)) {
				if (line.startsWith("JAVA_VERSION=")) {
					String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
					String feature = version.split("[.+_-]")[0];
					return Integer.parseInt(feature.equals("1") ? version.split("\\.")[1] : feature);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
		return 0;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public String adminPassword() {
		return this.adminPassword;
	}

	/** From the process start to the first 200 of the OpenID configuration. */
	public Duration startup() {
		return this.startup;
	}

	/** The JVM and whatever it started (kc.sh execs java, so that is one process). */
	public ProcessHandle handle() {
		return this.process.toHandle();
	}

	@Override
	public void close() {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		children.forEach(ProcessHandle::destroy);
	}

	private static List<String> tail(Path log, int lines) {
		try {
			List<String> all = Files.readAllLines(log);
			return all.subList(Math.max(0, all.size() - lines), all.size());
		}
		catch (IOException | UncheckedIOException ex) {
			return List.of();
		}
	}

	@Override
	public String toString() {
		return "KeycloakServer[port=" + this.port + "]";
	}

	Optional<Integer> exitValue() {
		return this.process.isAlive() ? Optional.empty() : Optional.of(this.process.exitValue());
	}

}
