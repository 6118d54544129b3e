package dev.mcpauth.oauth2.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring is optional: apart from {@code autoconfigure}, no class of the library refers to it. */
class CoreWithoutSpringTest {

	@Test
	void noCoreClassRefersToSpring() throws IOException {
		Path classes = Path.of("target/classes/dev/mcpauth/oauth2/client");
		List<Path> core;
		try (Stream<Path> files = Files.walk(classes)) {
			core = files.filter(f -> f.toString().endsWith(".class"))
				.filter(f -> !classes.relativize(f).startsWith("autoconfigure"))
				.toList();
		}

		assertThat(core).hasSizeGreaterThan(30).allSatisfy(f -> assertThat(
				new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
			.as(f.toString())
			.doesNotContain("org/springframework"));
	}

}
