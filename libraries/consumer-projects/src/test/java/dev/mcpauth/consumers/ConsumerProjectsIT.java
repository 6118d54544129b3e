package dev.mcpauth.consumers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The libraries as a user meets them (issue 11): three consumer projects written from scratch, each adding one
 * artifact of ours, are built by Maven against what {@code ./mvnw install} put in the local repository, then run as
 * three processes on loopback: a plain Spring Authorization Server app with the authorization-server starter, a plain
 * Spring AI MCP server with one tool and the resource-server starter, and a plain Java MCP SDK client with the OAuth
 * client library. The client must pass the whole journey: 401 discovery, dynamic registration, login and consent,
 * code + PKCE + resource, a tool call, the 403 step-up and the retried call.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerProjectsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(6);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static ConsumerBuild build;

	private static final List<ConsumerProcess> servers = new ArrayList<>();

	@BeforeAll
	static void buildConsumerProjects() throws Exception {
		build = ConsumerBuild.fromSystemProperties();
		build.requireInstalledArtifacts();
		for (String project : ConsumerBuild.PROJECTS) {
			build.build(project, BUILD_TIMEOUT);
		}
	}

	@AfterAll
	static void stopServers() {
		servers.forEach(ConsumerProcess::close);
	}

	@Order(1)
	@ParameterizedTest(name = "{0} jar has META-INF/spring-configuration-metadata.json with a description for every key")
	@ValueSource(strings = { "mcp-authorization-server", "mcp-resource-server", "mcp-oauth-client" })
	void everyLibraryJarDescribesEveryProperty(String artifactId) throws IOException {
		Path jar = build.installedJar(artifactId);
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			var entry = zip.getEntry("META-INF/spring-configuration-metadata.json");
			assertThat(entry).as("metadata in " + jar.getFileName()).isNotNull();
			JsonNode metadata = JSON.readTree(zip.getInputStream(entry));
			List<String> keys = new ArrayList<>();
			List<String> undocumented = new ArrayList<>();
			for (JsonNode property : metadata.path("properties")) {
				String name = property.path("name").asString();
				keys.add(name);
				if (property.path("description").asString("").isBlank()) {
					undocumented.add(name);
				}
			}
			assertThat(keys).as("keys of " + artifactId).isNotEmpty();
			assertThat(undocumented).as("keys without a description in " + artifactId).isEmpty();
		}
	}

	@Order(2)
	@Test
	void plainConsumersPassTheJourneyTogether() throws Exception {
		int asPort = LoopbackPorts.free();
		int rsPort = LoopbackPorts.free();
		String issuer = "http://localhost:" + asPort;
		String resource = "http://localhost:" + rsPort + "/mcp";

		ConsumerProcess authorizationServer = ConsumerProcess.start(build, "authorization-server-consumer",
				List.of("--server.port=" + asPort, "--mcp.authorization-server.issuer=" + issuer,
						"--mcp.authorization-server.resources[0]=" + resource));
		servers.add(authorizationServer);
		ConsumerProcess mcpServer = ConsumerProcess.start(build, "mcp-server-consumer",
				List.of("--server.port=" + rsPort, "--mcp.resource-server.issuer=" + issuer,
						"--mcp.resource-server.resource=" + resource));
		servers.add(mcpServer);
		authorizationServer.awaitHttp200(URI.create(issuer + "/.well-known/oauth-authorization-server"),
				READY_TIMEOUT);
		mcpServer.awaitHttp200(URI.create("http://localhost:" + rsPort + "/.well-known/oauth-protected-resource/mcp"),
				READY_TIMEOUT);

		// the MCP server's own metadata names the consumer authorization server: both took only properties
		JsonNode prm = JSON.readTree(get(URI.create(
				"http://localhost:" + rsPort + "/.well-known/oauth-protected-resource/mcp")));
		assertThat(prm.path("resource").asString()).isEqualTo(resource);
		assertThat(prm.path("authorization_servers").get(0).asString()).isEqualTo(issuer);

		// a plain Java client: nothing of Spring on its run-time class path
		assertThat(build.runtimeLibraries("java-client-consumer")).isNotEmpty()
			.noneMatch((jar) -> jar.startsWith("spring-"));
		ConsumerProcess.Result client = ConsumerProcess.run(build, "java-client-consumer",
				List.of(resource, "alice", "consumer-password"), Duration.ofMinutes(2));
		assertThat(client.exitCode()).as("client exit code; output:%n%s", client.output()).isZero();
		assertThat(client.output()).contains("tools: get_weather")
			.contains("get_weather -> Forecast for Paris: sunny")
			.doesNotContain("(error)")
			.contains("registration: DCR")
			// one authorization to connect (mcp:connect), one step-up for the tool's weather:read
			.contains("authorizations: 2")
			.contains("step-ups: 1");
	}

	private static String get(URI uri) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
		return response.body();
	}

}
