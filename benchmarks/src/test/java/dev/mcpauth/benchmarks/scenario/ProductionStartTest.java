package dev.mcpauth.benchmarks.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ProductionStartTest {

	/** The module's directory is the tests' working directory; the script is at the repository's root. */
	private static final Path SCRIPT = Path.of("..", "scripts", "auth-server.sh");

	@Test
	void theBenchmarkMeasuresTheJvmOptionsTheShippedScriptStartsWith() throws IOException {
		assertThat(ProductionStart.scriptJvmOptions(Files.readString(SCRIPT)))
			.containsExactlyElementsOf(ProductionStart.JVM_OPTIONS);
	}

	@Test
	void readsTheOptionsArrayOptionByOption() throws IOException {
		String script = "#!/usr/bin/env bash\nset -e\nJVM_OPTIONS=(\n\t-XX:+UseSerialGC\n  -Xmx128m\n)\nexec java \"$@\"\n";

		assertThat(ProductionStart.scriptJvmOptions(script)).containsExactly("-XX:+UseSerialGC", "-Xmx128m");
	}

	@Test
	void aScriptWithoutTheArrayIsAnError() {
		assertThatIOException().isThrownBy(() -> ProductionStart.scriptJvmOptions("exec java -Xmx128m -jar app.jar"))
			.withMessageContaining("JVM_OPTIONS");
	}

}
