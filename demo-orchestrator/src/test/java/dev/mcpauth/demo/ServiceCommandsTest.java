package dev.mcpauth.demo;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceCommandsTest {

	@Test
	void insertsWellKnownPathsBeforeThePath() {
		assertThat(ServiceCommands.protectedResourceMetadata("http://localhost:8001/mcp"))
			.hasToString("http://localhost:8001/.well-known/oauth-protected-resource/mcp");
		assertThat(ServiceCommands.authorizationServerMetadata("http://localhost:9000"))
			.hasToString("http://localhost:9000/.well-known/oauth-authorization-server");
		assertThat(ServiceCommands.authorizationServerMetadata("http://localhost:9000/tenant"))
			.hasToString("http://localhost:9000/.well-known/oauth-authorization-server/tenant");
	}

	@Test
	void passesTheContractPropertiesToEachService() {
		assertThat(ServiceCommands.authServer(Path.of("as.jar"), 9100, "http://localhost:9100",
				List.of("http://localhost:8101/mcp", "http://localhost:8101/other"))
			.arguments()).containsExactly("--spring.profiles.active=demo", "--server.address=127.0.0.1", "--server.port=9100",
					"--mcp.authorization-server.issuer=http://localhost:9100",
					"--mcp.authorization-server.resources=http://localhost:8101/mcp,http://localhost:8101/other",
					"--management.server.port=0");
		assertThat(ServiceCommands.resourceServer(Path.of("rs.jar"), 8101, "http://localhost:8101/mcp",
				"http://localhost:9100")
			.arguments()).containsExactly("--server.address=127.0.0.1", "--server.port=8101",
					"--mcp.resource-server.resource=http://localhost:8101/mcp",
					"--mcp.resource-server.issuer=http://localhost:9100", "--management.server.port=0");
		assertThat(ServiceCommands.mcpClient(Path.of("c.jar"), 0, List.of("--verbose"), "http://localhost:8101/mcp")
			.commandLine()).endsWith("-jar", "c.jar", "--mcp-client.cimd.port=0", "--verbose",
					"http://localhost:8101/mcp");
	}

	@Test
	void tlsAddsTheProfileAndTheCertificateDirectoryToEachService() {
		Path certs = Path.of("/tmp/certs");
		assertThat(ServiceCommands.authServer(Path.of("as.jar"), 9100, "https://localhost:9100",
				List.of("https://localhost:8101/mcp"), certs)
			.arguments()).startsWith("--spring.profiles.active=demo,tls")
				.contains("--mcp.authorization-server.issuer=https://localhost:9100")
				.endsWith("--MCP_TLS_DIR=/tmp/certs");
		assertThat(ServiceCommands.resourceServer(Path.of("rs.jar"), 8101, "https://localhost:8101/mcp",
				"https://localhost:9100", certs)
			.arguments()).contains("--mcp.resource-server.resource=https://localhost:8101/mcp",
					"--spring.profiles.active=tls", "--MCP_TLS_DIR=/tmp/certs");
		assertThat(ServiceCommands.mcpClient(Path.of("c.jar"), 0, List.of(), "https://localhost:8101/mcp", certs)
			.commandLine()).endsWith("--spring.profiles.active=tls", "--MCP_TLS_DIR=/tmp/certs",
					"--mcp-client.cimd.port=0", "https://localhost:8101/mcp");
	}

}
