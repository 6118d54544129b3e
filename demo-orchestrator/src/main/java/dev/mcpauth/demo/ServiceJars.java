package dev.mcpauth.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runnable jars of the three services. The build copies them to {@code target/apps/} next to the
 * orchestrator's jar; run from an IDE, the orchestrator falls back to each module's own {@code target/}.
 */
public record ServiceJars(Path authServer, Path resourceServer, Path mcpClient) {

	static final String AUTH_SERVER = "auth-server";

	static final String RESOURCE_SERVER = "resource-server";

	static final String MCP_CLIENT = "mcp-client";

	/**
	 * Finds the three jars.
	 * @param appsDir an explicit directory, or null for the default locations
	 * @throws IllegalStateException naming the missing jar and how to build it
	 */
	public static ServiceJars locate(Path appsDir) {
		List<Path> candidates = new ArrayList<>();
		if (appsDir != null) {
			candidates.add(appsDir);
		}
		else {
			Path target = orchestratorTargetDir();
			candidates.add(target.resolve("apps"));
			Path repository = target.getParent() == null ? null : target.getParent().getParent();
			if (repository != null) {
				for (String module : List.of(AUTH_SERVER, RESOURCE_SERVER, MCP_CLIENT)) {
					candidates.add(repository.resolve(module).resolve("target"));
				}
			}
		}
		return new ServiceJars(find(AUTH_SERVER, candidates), find(RESOURCE_SERVER, candidates),
				find(MCP_CLIENT, candidates));
	}

	/** The directory holding the orchestrator's jar (or, run from an IDE, its {@code target/classes}). */
	static Path orchestratorTargetDir() {
		try {
			Path location = Path.of(ServiceJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return location.toAbsolutePath().getParent();
		}
		catch (URISyntaxException | SecurityException | NullPointerException ex) {
			return Path.of("demo-orchestrator", "target").toAbsolutePath();
		}
	}

	private static Path find(String module, List<Path> directories) {
		for (Path directory : directories) {
			Optional<Path> jar = findIn(module, directory);
			if (jar.isPresent()) {
				return jar.get();
			}
		}
		throw new IllegalStateException("the " + module + " jar (" + module + "-exec.jar) is not in " + directories
				+ "; build it first: ./mvnw -DskipTests package");
	}

	/** {@code <module>-exec.jar} (copied, version stripped) or {@code <module>-<version>-exec.jar} (built). */
	private static Optional<Path> findIn(String module, Path directory) {
		if (!Files.isDirectory(directory)) {
			return Optional.empty();
		}
		Path copied = directory.resolve(module + "-exec.jar");
		if (Files.isRegularFile(copied)) {
			return Optional.of(copied);
		}
		try (DirectoryStream<Path> built = Files.newDirectoryStream(directory, module + "-[0-9]*-exec.jar")) {
			for (Path jar : built) {
				return Optional.of(jar);
			}
		}
		catch (IOException ex) {
			// unreadable directory: try the next one
		}
		return Optional.empty();
	}

}
