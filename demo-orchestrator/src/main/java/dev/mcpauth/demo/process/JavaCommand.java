package dev.mcpauth.demo.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code java [jvm options] -jar <jar> [arguments]} command line, run with the same Java as the current process
 * so that a user needs exactly one JDK.
 *
 * @param jar the runnable jar
 * @param jvmOptions options placed before {@code -jar}
 * @param arguments program arguments (Spring Boot apps read {@code --key=value} as properties)
 */
public record JavaCommand(Path jar, List<String> jvmOptions, List<String> arguments) {

	/**
	 * JVM options for a short-lived Spring Boot service on a small machine, measured in docs/demo.md (the whole demo
	 * runs about three times faster than on JVM defaults, with about 100 MiB less memory): C1 only (the demo ends
	 * before C2 would pay off), the serial collector (no parallel GC threads competing for two cores), a heap capped
	 * well above what the demo uses, small thread stacks, no perf-data file, and the JDK's class data sharing archive.
	 */
	public static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
			"-Xss512k", "-XX:-UsePerfData", "-Xshare:auto");

	public JavaCommand {
		jvmOptions = List.copyOf(jvmOptions);
		arguments = List.copyOf(arguments);
	}

	public static JavaCommand fastStart(Path jar, List<String> arguments) {
		return new JavaCommand(jar, FAST_START, arguments);
	}

	public List<String> commandLine() {
		List<String> line = new ArrayList<>();
		line.add(javaExecutable());
		line.addAll(this.jvmOptions);
		line.add("-jar");
		line.add(this.jar.toString());
		line.addAll(this.arguments);
		return line;
	}

	/** The binary of the running JVM; falls back to {@code java.home} where the OS does not report it. */
	static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

}
