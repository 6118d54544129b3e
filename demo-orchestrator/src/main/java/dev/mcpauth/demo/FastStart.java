package dev.mcpauth.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.mcpauth.demo.process.ClassDataSharing;
import dev.mcpauth.demo.process.JavaCommand;

/**
 * The class data sharing layout of the three services ({@link ClassDataSharing}), prepared by the build in
 * {@code target/cds/} and used by every later demo run. The training runs use the demo's own arguments, so the
 * archives hold the classes the demo loads (the demo profile's beans included); ports 0, as they never serve.
 */
final class FastStart {

	private FastStart() {
	}

	static ClassDataSharing of(DemoOptions options) {
		return options.fastStart() ? new ClassDataSharing(cacheRoot()) : ClassDataSharing.off();
	}

	static Path cacheRoot() {
		return ServiceJars.orchestratorTargetDir().resolve("cds");
	}

	/** Prepares all three side by side. A failure is reported, never fatal: the demo then starts plain jars. */
	static void prepare(ServiceJars jars, PrintStream out) {
		ClassDataSharing cds = new ClassDataSharing(cacheRoot());
		String issuer = "http://localhost:9000";
		String resource = "http://localhost:8001/mcp";
		Map<String, JavaCommand> training = new LinkedHashMap<>();
		training.put(ServiceJars.AUTH_SERVER, ServiceCommands.authServer(jars.authServer(), 0, issuer, List.of(resource)));
		training.put(ServiceJars.RESOURCE_SERVER,
				ServiceCommands.resourceServer(jars.resourceServer(), 0, resource, issuer));
		training.put(ServiceJars.MCP_CLIENT, ServiceCommands.mcpClient(jars.mcpClient(), 0, List.of(), resource));
		List<CompletableFuture<String>> outcomes = training.entrySet().stream().map(service -> CompletableFuture
			.supplyAsync(() -> {
				try {
					return cds.prepare(service.getKey(), service.getValue());
				}
				catch (Exception ex) {
					if (ex instanceof InterruptedException) {
						Thread.currentThread().interrupt();
					}
					return service.getKey() + ": not prepared (" + ex.getMessage() + "); the demo starts it plainly";
				}
			})).toList();
		outcomes.forEach(outcome -> out.println("demo: fast start: " + outcome.join()));
	}

}
