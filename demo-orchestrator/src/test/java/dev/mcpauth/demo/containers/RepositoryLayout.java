package dev.mcpauth.demo.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the Dockerfiles and the runnable jars of the three services are: the repository root is the first
 * directory, from the working directory upwards, that holds {@code docker-compose.yml}.
 *
 * @param root the repository root, the build context of every Dockerfile (see .dockerignore)
 */
record RepositoryLayout(Path root) {

	static RepositoryLayout find() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("docker"))) {
				return new RepositoryLayout(dir);
			}
		}
		throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
	}

	Path file(String relative) {
		Path file = this.root.resolve(relative);
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("missing " + file);
		}
		return file;
	}

	/**
	 * The module's runnable jar, {@code <module>/target/<module>-<version>-exec.jar}; exactly one must exist.
	 */
	Path execJar(String module) {
		Path target = this.root.resolve(module).resolve("target");
		List<Path> jars;
		try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
			jars = files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith(module + "-") && name.endsWith("-exec.jar");
			}).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (jars.size() != 1) {
			throw new IllegalStateException("expected one " + module + "-*-exec.jar in " + target + ", found "
					+ jars + "; package it first: ./mvnw -pl " + module + " -DskipTests package");
		}
		return jars.get(0);
	}

	String relative(Path file) {
		return this.root.relativize(file).toString().replace('\\', '/');
	}

}
