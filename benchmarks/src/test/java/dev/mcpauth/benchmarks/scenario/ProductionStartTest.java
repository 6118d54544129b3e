package dev.mcpauth.benchmarks.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

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


	@Test
	void onPostgresTheServerGetsASchemaOfItsOwnAndAnEncryptionKeyOfThisRun() {
		List<String> arguments = ProductionStart.postgres("jdbc:postgresql://127.0.0.1:5/postgres?user=mcp", "run_1");

		assertThat(arguments).contains(
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5/postgres?user=mcp&currentSchema=run_1",
				"--spring.flyway.schemas=run_1", "--spring.flyway.create-schemas=true");
		String key = arguments.stream()
			.filter((argument) -> argument.startsWith("--mcp.authorization-server.keys.encryption-key="))
			.findFirst()
			.orElseThrow()
			.substring("--mcp.authorization-server.keys.encryption-key=".length());
		assertThat(Base64.getDecoder().decode(key)).hasSize(32);
		assertThat(ProductionStart.postgres("jdbc:postgresql://h/db", "s"))
			.contains("--spring.datasource.url=jdbc:postgresql://h/db?currentSchema=s");
		assertThat(new ProductionStart(Path.of("cds")).databaseArguments()).isEmpty();
	}

}
