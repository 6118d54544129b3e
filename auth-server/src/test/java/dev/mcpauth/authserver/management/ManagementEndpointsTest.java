package dev.mcpauth.authserver.management;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on the separate management port: liveness and readiness groups (readiness includes the database), info
 * with versions, the Prometheus scrape; none of it on the application port.
 */
class ManagementEndpointsTest extends DemoServerTest {

	@LocalManagementPort
	private int managementPort;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void livenessGroupIsUpAndHoldsOnlyTheLivenessState() {
		HttpResponse<String> response = management("/actuator/health/liveness");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = OAuthClient.json(response);
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		assertThat(health.get("components").propertyNames()).containsExactly("livenessState");
	}

	@Test
	void readinessGroupIncludesTheDatabase() {
		HttpResponse<String> response = management("/actuator/health/readiness");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = OAuthClient.json(response);
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		assertThat(health.get("components").propertyNames()).containsExactlyInAnyOrder("db", "readinessState");
		assertThat(health.get("components").get("db").get("status").stringValue()).isEqualTo("UP");
	}

	@Test
	void infoNamesTheProtocolRevisionAndVersions() {
		JsonNode info = OAuthClient.json(management("/actuator/info"));

		assertThat(info.get("mcp").get("authorization").stringValue()).isEqualTo("2025-11-25");
		assertThat(info.get("versions").get("spring-boot").stringValue()).startsWith("4.");
		assertThat(info.get("versions").get("spring-security").stringValue()).isNotBlank();
		assertThat(info.get("build").get("version").stringValue()).isEqualTo("0.1.0-SNAPSHOT");
		assertThat(info.get("java").get("version").stringValue()).isNotBlank();
	}

	@Test
	void prometheusScrapeListsTheServersMeters() {
		HttpResponse<String> response = management("/actuator/prometheus", "text/plain");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("mcp_auth_tokens_issued_total{")
			.contains("mcp_auth_authorizations_total{")
			.contains("mcp_auth_refresh_token_reuse_total{")
			.contains("application=\"auth-server\"");
	}

	@Test
	void actuatorIsNotOnTheApplicationPort() {
		assertThat(this.client.get("/actuator/health", "application/json").statusCode()).isEqualTo(404);
		assertThat(this.client.get("/actuator/prometheus", "text/plain").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> management(String path) {
		return management(path, "application/json");
	}

	private HttpResponse<String> management(String path, String accept) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
				.header("Accept", accept)
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
