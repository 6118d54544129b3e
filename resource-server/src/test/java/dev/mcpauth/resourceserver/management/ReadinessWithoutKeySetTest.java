package dev.mcpauth.resourceserver.management;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the authorization server's key set unreachable the resource server is alive but not ready: a load balancer
 * sends it no traffic it could not authenticate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mcp.resource-server.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks")
class ReadinessWithoutKeySetTest {

	@LocalManagementPort
	private int managementPort;

	@Test
	void readinessIsDownWhileLivenessStaysUp() {
		HttpResponse<String> readiness = ManagementHttp.get(this.managementPort, "/actuator/health/readiness",
				"application/json");
		HttpResponse<String> liveness = ManagementHttp.get(this.managementPort, "/actuator/health/liveness",
				"application/json");

		assertThat(readiness.statusCode()).isEqualTo(503);
		JsonNode health = JsonMapper.shared().readTree(readiness.body());
		assertThat(health.get("status").stringValue()).isEqualTo("DOWN");
		assertThat(health.at("/components/authorizationServerJwks/status").stringValue()).isEqualTo("DOWN");
		assertThat(health.at("/components/authorizationServerJwks/details/error").stringValue())
			.isEqualTo("unreachable");
		assertThat(liveness.statusCode()).isEqualTo(200);
	}

}
