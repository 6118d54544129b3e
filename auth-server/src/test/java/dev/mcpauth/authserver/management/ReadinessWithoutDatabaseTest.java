package dev.mcpauth.authserver.management;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.mcpauth.authserver.support.OAuthClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without its database the authorization server is alive but not ready: it can neither find clients nor store
 * authorizations, so a load balancer must stop sending it requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ReadinessWithoutDatabaseTest {

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void readinessGoesDownWithTheDatabaseWhileLivenessStaysUp() throws Exception {
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

		this.jdbc.execute("SHUTDOWN");

		HttpResponse<String> readiness = get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(503);
		JsonNode health = OAuthClient.json(readiness);
		assertThat(health.get("status").stringValue()).isEqualTo("DOWN");
		assertThat(health.at("/components/db/status").stringValue()).isEqualTo("DOWN");
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
