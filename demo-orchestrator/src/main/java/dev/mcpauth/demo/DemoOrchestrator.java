package dev.mcpauth.demo;

import java.nio.file.Path;

/**
 * {@code java -jar demo-orchestrator.jar [options]}: the one-command demo. The three services run as child
 * processes from their own runnable jars, because three Spring Boot applications in one JVM would share (and mix)
 * their auto-configuration. Exit status: the client's, 1 when the orchestrator fails, 2 for bad options.
 */
public final class DemoOrchestrator {

	static final int USAGE_ERROR = 2;

	private DemoOrchestrator() {
	}

	public static void main(String[] args) throws InterruptedException {
		System.exit(run(args));
	}

	static int run(String... args) throws InterruptedException {
		DemoOptions options;
		ServiceJars jars;
		try {
			options = DemoOptions.parse(args);
			if (options == null) {
				System.out.println(DemoOptions.USAGE);
				return 0;
			}
			jars = ServiceJars.locate(options.appsDir());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("demo: " + ex.getMessage());
			return USAGE_ERROR;
		}
		catch (IllegalStateException ex) {
			System.err.println("demo: " + ex.getMessage());
			return DemoRun.FAILED;
		}
		if (options.prepare()) {
			FastStart.prepare(jars, System.out);
			return 0;
		}
		Path logDir = (options.logDir() != null) ? options.logDir()
				: ServiceJars.orchestratorTargetDir().resolve("demo-logs");
		return new DemoRun(options, jars, FastStart.of(options), logDir, System.out, System.err).run();
	}

}
