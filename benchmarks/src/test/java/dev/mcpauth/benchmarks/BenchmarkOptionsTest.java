package dev.mcpauth.benchmarks;

import java.nio.file.Path;

import dev.mcpauth.benchmarks.BenchmarkOptions.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkOptionsTest {

	private static final Path TARGET = Path.of("benchmarks", "target");

	@Test
	void runsEverythingFromTheJarsNextToTheRunnerByDefault() {
		BenchmarkOptions options = BenchmarkOptions.parse(TARGET);

		assertThat(options.smoke()).isFalse();
		assertThat(options.scenarios()).containsExactlyInAnyOrder(Scenario.values());
		assertThat(options.appsDir()).isEqualTo(TARGET.resolve("apps"));
		assertThat(options.outputDir()).isEqualTo(TARGET);
	}

	@Test
	void selectsAndSkipsScenarios() {
		assertThat(BenchmarkOptions.parse(TARGET, "--only=rs,CIMD").scenarios()).containsExactlyInAnyOrder(Scenario.RS,
				Scenario.CIMD);
		assertThat(BenchmarkOptions.parse(TARGET, "--smoke", "--skip=demo,jmh").scenarios())
			.containsExactlyInAnyOrder(Scenario.RS, Scenario.AS, Scenario.CIMD);
	}

	@Test
	void theSmokeRunLeavesKeycloakOutUnlessAskedFor() {
		assertThat(BenchmarkOptions.parse(TARGET, "--smoke").scenarios()).doesNotContain(Scenario.KEYCLOAK)
			.contains(Scenario.RS, Scenario.AS);
		assertThat(BenchmarkOptions.parse(TARGET, "--smoke", "--only=keycloak").scenarios())
			.containsExactly(Scenario.KEYCLOAK);
		assertThat(BenchmarkOptions.parse(TARGET, "--skip=keycloak").scenarios()).doesNotContain(Scenario.KEYCLOAK);
		// nor the production start's training run, unless asked for
		assertThat(BenchmarkOptions.parse(TARGET, "--smoke").scenarios()).doesNotContain(Scenario.START);
		assertThat(BenchmarkOptions.parse(TARGET, "--smoke", "--only=start").scenarios())
			.containsExactly(Scenario.START);
		assertThat(BenchmarkOptions.parse(TARGET, "--keycloak-first").keycloakFirst()).isTrue();
		assertThat(BenchmarkOptions.parse(TARGET, "--keycloak-java=/opt/jdk25").keycloakJava())
			.isEqualTo(Path.of("/opt/jdk25"));
	}

	@Test
	void refusesUnknownOptionsAndScenariosWithOneLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse(TARGET, "--fast"))
			.withMessage("unknown option --fast");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse(TARGET, "--only=rs,db"))
			.withMessage("unknown scenario db (rs, as, cimd, demo, jmh, keycloak, start)");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse(TARGET, "--apps-dir="))
			.withMessage("--apps-dir= needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(TARGET, "--production-database=jdbc:h2:mem:x"))
			.withMessage("--production-database needs a jdbc:postgresql:// URL");
	}

	@Test
	void theProductionStartRunsOnTheEmbeddedDatabaseUnlessGivenAPostgresUrl() {
		assertThat(BenchmarkOptions.parse(TARGET).productionDatabase()).isNull();
		assertThat(BenchmarkOptions.parse(TARGET, "--production-database=jdbc:postgresql://127.0.0.1:5/postgres")
			.productionDatabase()).isEqualTo("jdbc:postgresql://127.0.0.1:5/postgres");
	}

}
