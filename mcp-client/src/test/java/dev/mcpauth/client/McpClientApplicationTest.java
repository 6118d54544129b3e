package dev.mcpauth.client;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The start-up path of the executable: a bad option value becomes one readable line. */
class McpClientApplicationTest {

	@Test
	void namesTheOffendingPropertyWhenBindingFails() {
		Throwable failure = catchThrowable(() -> SpringApplication.run(McpClientApplication.class,
				"--logging.level.root=OFF", "--mcp-client.timeout=soon", "http://127.0.0.1:1/mcp"));

		assertThat(McpClientApplication.startupProblem(failure)).startsWith("invalid value for mcp-client.timeout (")
			.doesNotContain("\n");
	}

}
