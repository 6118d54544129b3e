package dev.mcpauth.benchmarks.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mcpauth.demo.process.ClassDataSharing;

/**
 * The auth-server's production start configuration, as {@code scripts/auth-server.sh} ships it: Spring Boot's
 * extracted layout with an application class data sharing archive recorded by a training run (the demo
 * orchestrator's {@link ClassDataSharing}, the same steps as the script's {@code prepare}), and a memory-bounded
 * JVM with tiered C2. The side-by-side benchmark runs the auth-server a second time with it, under the same load, so
 * that its start, memory and throughput are reported next to the same-options run.
 */
public final class ProductionStart {

	/** The script's {@code JVM_OPTIONS}, option for option ({@code ProductionStartTest} compares them). */
	public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx96m", "-XX:TrimNativeHeapInterval=5000",
			"-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=160m", "-XX:+ExitOnOutOfMemoryError");

	private static final Pattern OPTIONS_ARRAY = Pattern.compile("(?m)^JVM_OPTIONS=\\(\\n((?:\\s+\\S+\\n)+)\\)$");

	private final ClassDataSharing layout;

	private final List<String> databaseArguments;

	/** @param cacheRoot where the extracted jar and the archive live ({@code <output>/cds-production}) */
	public ProductionStart(Path cacheRoot) {
		this(cacheRoot, null);
	}

	/**
	 * @param cacheRoot where the extracted jar and the archive live ({@code <output>/cds-production})
	 * @param postgresUrl a PostgreSQL JDBC URL: the server stores its state there, in a schema of its own made for
	 * this run (Flyway creates and migrates it), with signing keys encrypted by a key made for this run, as a
	 * production deployment does; {@code null}: the embedded in-memory database, whose rows live in the heap
	 */
	public ProductionStart(Path cacheRoot, String postgresUrl) {
		this.layout = new ClassDataSharing(cacheRoot);
		this.databaseArguments = (postgresUrl != null) ? postgres(postgresUrl, "benchmark_" + System.currentTimeMillis())
				: List.of();
	}

	ClassDataSharing layout() {
		return this.layout;
	}

	/** The server's database arguments: none for the embedded database. */
	public List<String> databaseArguments() {
		return this.databaseArguments;
	}

	/** @return a label for the report: which database the production start ran on */
	public String database() {
		return this.databaseArguments.isEmpty() ? "embedded in-memory H2" : "PostgreSQL (loopback)";
	}

	static List<String> postgres(String url, String schema) {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		String separator = url.contains("?") ? "&" : "?";
		return List.of("--spring.datasource.url=" + url + separator + "currentSchema=" + schema,
				"--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true",
				"--mcp.authorization-server.keys.encryption-key=" + Base64.getEncoder().encodeToString(key));
	}

	/**
	 * The {@code JVM_OPTIONS=( ... )} array of a script in the form of {@code scripts/auth-server.sh}.
	 * @throws IOException when the script has no such array
	 */
	static List<String> scriptJvmOptions(String script) throws IOException {
		Matcher matcher = OPTIONS_ARRAY.matcher(script);
		if (!matcher.find()) {
			throw new IOException("no JVM_OPTIONS=( ... ) array, one option per line");
		}
		List<String> options = new ArrayList<>();
		for (String line : matcher.group(1).split("\\n")) {
			options.add(line.trim());
		}
		return options;
	}

}
