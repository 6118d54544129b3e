package dev.mcpauth.benchmarks.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
	public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx128m",
			"-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=160m", "-XX:+ExitOnOutOfMemoryError");

	private static final Pattern OPTIONS_ARRAY = Pattern.compile("(?m)^JVM_OPTIONS=\\(\\n((?:\\s+\\S+\\n)+)\\)$");

	private final ClassDataSharing layout;

	/** @param cacheRoot where the extracted jar and the archive live ({@code <output>/cds-production}) */
	public ProductionStart(Path cacheRoot) {
		this.layout = new ClassDataSharing(cacheRoot);
	}

	ClassDataSharing layout() {
		return this.layout;
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
