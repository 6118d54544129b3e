package dev.mcpauth.resourceserver.management;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping and starting the application (as Spring Framework 7 does to the cached contexts of a test run) starts the
 * management server again on a new port ({@code management.server.port=0}): the management chain must follow it,
 * or Actuator meets the MCP chain's 401.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mcp.resource-server.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks")
class ManagementServerRestartTest {

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void actuatorAnswersOnTheNewManagementPortAfterARestart() {
		int before = managementPort();
		assertThat(liveness(before)).isEqualTo(200);

		this.context.stop();
		this.context.start();

		int after = managementPort();
		assertThat(after).isNotEqualTo(before);
		assertThat(liveness(after)).isEqualTo(200);
	}

	private int managementPort() {
		return this.context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
	}

	private static int liveness(int port) {
		HttpResponse<String> response = ManagementHttp.get(port, "/actuator/health/liveness", "application/json");
		return response.statusCode();
	}

}
