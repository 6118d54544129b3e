package dev.mcpauth.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoOptionsTest {

	@Test
	void defaultsAreTheContractPorts() {
		DemoOptions options = DemoOptions.parse();

		assertThat(options.asPort()).isEqualTo(9000);
		assertThat(options.rsPort()).isEqualTo(8001);
		assertThat(options.clientPort()).isEqualTo(3000);
		assertThat(options.keepRunning()).isFalse();
		assertThat(options.appsDir()).isNull();
		assertThat(options.clientArguments()).isEmpty();
		assertThat(options.fastStart()).isTrue();
		assertThat(options.prepare()).isFalse();
	}

	@Test
	void readsEveryOption() {
		DemoOptions options = DemoOptions.parse("--as-port=9100", "--rs-port=0", "--client-port=3100",
				"--keep-running", "--startup-timeout=30", "--client-timeout=90", "--apps-dir=/opt/apps",
				"--log-dir=logs", "--no-cds", "--prepare");

		assertThat(options).isEqualTo(new DemoOptions(9100, 0, 3100, true, Duration.ofSeconds(30),
				Duration.ofSeconds(90), Path.of("/opt/apps"), Path.of("logs"), List.of(), false, true, null));
	}

	@Test
	void tlsTakesTheCertificateDirectoryOrDefaultsToDotTls() {
		assertThat(DemoOptions.parse("--tls=/tmp/certs").tlsDir()).isEqualTo(Path.of("/tmp/certs"));
		assertThat(DemoOptions.parse("--tls").tlsDir()).isEqualTo(Path.of(".tls").toAbsolutePath());
		assertThat(DemoOptions.parse().tlsDir()).isNull();
	}

	@Test
	void passesEverythingAfterDoubleDashToTheClient() {
		DemoOptions options = DemoOptions.parse("--as-port=9100", "--", "--verbose", "--as-port=1");

		assertThat(options.asPort()).isEqualTo(9100);
		assertThat(options.clientArguments()).containsExactly("--verbose", "--as-port=1");
	}

	@Test
	void ignoresBlankArgumentsFromAnEmptyMavenProperty() {
		assertThat(DemoOptions.parse("", " ")).isEqualTo(DemoOptions.defaults());
	}

	@Test
	void helpYieldsNoOptions() {
		assertThat(DemoOptions.parse("--as-port=9100", "--help")).isNull();
	}

	@Test
	void rejectsUnknownOptionNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--as-prot=9100"))
			.withMessage("unknown option --as-prot=9100 (see --help)");
	}

	@Test
	void rejectsNonNumericAndOutOfRangePorts() {
		assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--rs-port=abc"))
			.withMessage("--rs-port must be a number, not 'abc'");
		assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--rs-port=70000"))
			.withMessage("--rs-port must be between 0 and 65535, not 70000");
		assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--as-port"))
			.withMessageStartingWith("--as-port needs a value");
	}

	@Test
	void rejectsTwoServicesOnOnePortButAllowsSeveralZeros() {
		assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--as-port=8001"))
			.withMessage("--as-port, --rs-port and --client-port must differ");
		assertThat(DemoOptions.parse("--as-port=0", "--rs-port=0", "--client-port=0").asPort()).isZero();
	}

	@Test
	void rejectsNonPositiveTimeouts() {
		assertThatIllegalArgumentException().isThrownBy(() -> DemoOptions.parse("--startup-timeout=0"))
			.withMessage("--startup-timeout must be a positive number of seconds");
	}

}
