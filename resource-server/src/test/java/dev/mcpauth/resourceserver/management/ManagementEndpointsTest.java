package dev.mcpauth.resourceserver.management;

import java.net.URI;
import java.net.http.HttpResponse;

import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on the separate management port: liveness, readiness with the authorization server's JWKS, info with
 * versions, the Prometheus scrape; none of it on the MCP port.
 */
class ManagementEndpointsTest extends ResourceServerTestSupport {

	@LocalManagementPort
	private int managementPort;

	@Test
	void livenessGroupIsUpAndHoldsOnlyTheLivenessState() {
		HttpResponse<String> response = ManagementHttp.get(this.managementPort, "/actuator/health/liveness",
				"application/json");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JsonMapper.shared().readTree(response.body());
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		assertThat(health.get("components").propertyNames()).containsExactly("livenessState");
	}

	@Test
	void readinessGroupIncludesTheAuthorizationServersKeySet() {
		int fetches = this.authorizationServer.jwksRequests();

		HttpResponse<String> response = ManagementHttp.get(this.managementPort, "/actuator/health/readiness",
				"application/json");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JsonMapper.shared().readTree(response.body());
		assertThat(health.get("components").propertyNames()).containsExactlyInAnyOrder("authorizationServerJwks",
				"readinessState");
		assertThat(health.at("/components/authorizationServerJwks/status").stringValue()).isEqualTo("UP");
		assertThat(this.authorizationServer.jwksRequests()).isGreaterThan(fetches);
	}

	@Test
	void infoNamesTheProtocolRevisionAndVersions() {
		JsonNode info = JsonMapper.shared()
			.readTree(ManagementHttp.get(this.managementPort, "/actuator/info", "application/json").body());

		assertThat(info.at("/mcp/authorization").stringValue()).isEqualTo("2025-11-25");
		assertThat(info.at("/versions/spring-boot").stringValue()).startsWith("4.");
		assertThat(info.at("/build/version").stringValue()).isEqualTo("0.1.0-SNAPSHOT");
	}

	@Test
	void prometheusScrapeListsTheServersMeters() {
		HttpResponse<String> response = ManagementHttp.get(this.managementPort, "/actuator/prometheus", "text/plain");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("mcp_resource_challenges_total{")
			.contains("mcp_resource_step_ups_total")
			.contains("application=\"resource-server\"");
	}

	@Test
	void actuatorIsNotOnTheMcpPort() {
		Response response = this.mcp.send("GET", URI.create(ORIGIN + "/actuator/health"));

		assertThat(response.status()).isIn(401, 403, 404);
		assertThat(response.body()).doesNotContain("\"status\":\"UP\"");
	}

}
