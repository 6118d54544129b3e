package dev.mcpauth.demo;

import java.net.ServerSocket;
import java.time.Duration;

import dev.mcpauth.demo.process.LocalPorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A port in use stops the demo before anything starts, with one line that names the port and its service. */
class BusyPortIT {

	@Test
	void busyAuthServerPortFailsNamingThePort() throws Exception {
		try (ServerSocket squatter = new ServerSocket(0)) {
			int busy = squatter.getLocalPort();

			OrchestratorRun run = OrchestratorRun.of(Duration.ofSeconds(30), "--as-port=" + busy,
					"--rs-port=" + LocalPorts.pickFree(), "--client-port=0");

			assertThat(run.exitStatus()).as(run.toString()).isNotZero();
			assertThat(run.stderr()).as(run.toString())
				.anySatisfy(line -> assertThat(line).startsWith("demo: port " + busy + " is busy (auth-server)"));
			assertThat(run.stdout()).as("nothing was started").noneMatch(line -> line.startsWith("demo: starting"));
		}
	}

	@Test
	void busyResourceServerPortFailsNamingThePort() throws Exception {
		try (ServerSocket squatter = new ServerSocket(0)) {
			int busy = squatter.getLocalPort();

			OrchestratorRun run = OrchestratorRun.of(Duration.ofSeconds(30), "--as-port=0", "--rs-port=" + busy);

			assertThat(run.exitStatus()).as(run.toString()).isNotZero();
			assertThat(run.stderr()).as(run.toString())
				.anySatisfy(line -> assertThat(line).startsWith("demo: port " + busy + " is busy (resource-server)"));
		}
	}

	@Test
	void busyCimdHostPortFailsNamingThePort() throws Exception {
		try (ServerSocket squatter = new ServerSocket(0)) {
			int busy = squatter.getLocalPort();

			OrchestratorRun run = OrchestratorRun.of(Duration.ofSeconds(30), "--as-port=0", "--rs-port=0",
					"--client-port=" + busy);

			assertThat(run.exitStatus()).as(run.toString()).isNotZero();
			assertThat(run.stderr()).as(run.toString())
				.anySatisfy(line -> assertThat(line).startsWith("demo: port " + busy + " is busy (mcp-client"));
		}
	}

	@Test
	void unknownOptionFailsWithUsageStatus() throws Exception {
		OrchestratorRun run = OrchestratorRun.of(Duration.ofSeconds(30), "--as-prot=1");

		assertThat(run.exitStatus()).as(run.toString()).isEqualTo(2);
		assertThat(run.stderr()).containsExactly("demo: unknown option --as-prot=1 (see --help)");
	}

}
