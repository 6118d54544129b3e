package dev.mcpauth.oauth2.server.resource.ownchain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configurer on an application's own chain: the auto-configured chain backs off, and the hooks take effect
 * (extra allowed origin, metadata customizer, rules for other requests) while every MCP rule still applies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "mcp.resource-server.resource=" + OwnChainTest.RESOURCE,
				"mcp.resource-server.issuer=" + TestAuthorizationServer.ISSUER,
				"spring.ai.mcp.server.protocol=STREAMABLE" })
class OwnChainTest {

	static final String RESOURCE = "http://localhost:8001/mcp";

	private static final String INITIALIZE = """
			{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
			"capabilities":{},"clientInfo":{"name":"own-chain-test","version":"1.0"}}}""";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("mcp.resource-server.jwk-set-uri", () -> TestAuthorizationServer.get().jwkSetUri());
	}

	@Test
	void theApplicationsChainIsTheOnlyOne() {
		assertThat(this.context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("mcp");
	}

	@Test
	void rs16ExtraOriginIsAllowedAndAForeignOneStillRefused() throws Exception {
		String token = TestAuthorizationServer.get().token(RESOURCE, "mcp:connect");

		HttpResponse<String> app = initialize(token, "https://app.example.test");
		HttpResponse<String> evil = initialize(token, "https://evil.example.test");

		assertThat(app.statusCode()).as(app.body()).isEqualTo(200);
		assertThat(app.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.test");
		assertThat(evil.statusCode()).isEqualTo(403);
		assertThat(evil.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void rs07AudienceIsStillCheckedOnTheApplicationsChain() throws Exception {
		String token = TestAuthorizationServer.get().token("http://localhost:8002/mcp", "mcp:connect");

		HttpResponse<String> response = initialize(token, null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
	}

	@Test
	void metadataCustomizerChangesTheNameButNotTheResource() throws Exception {
		HttpResponse<String> response = get("/.well-known/oauth-protected-resource/mcp");

		assertThat(response.statusCode()).isEqualTo(200);
		var metadata = JsonMapper.builder().build().readTree(response.body());
		assertThat(metadata.get("resource_name").asString()).isEqualTo("Own chain");
		assertThat(metadata.get("resource").asString()).isEqualTo(RESOURCE);
	}

	@Test
	void otherRequestsFollowTheApplicationsRules() throws Exception {
		HttpResponse<String> open = get("/public/nothing-here");
		HttpResponse<String> closed = get("/private");

		assertThat(open.statusCode()).as("permitted, then not found").isEqualTo(404);
		assertThat(open.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(closed.statusCode()).isEqualTo(401);
		assertThat(closed.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer resource_metadata="));
	}

	private HttpResponse<String> initialize(String token, String origin) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/mcp"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
		if (origin != null) {
			request.header("Origin", origin);
		}
		return send(request);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
