package dev.mcpauth.demo.containers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services as container images, wired as docker-compose.yml wires them: images built from the modules'
 * Dockerfiles, the auth-server (demo profile) and the resource-server started and healthy, then the client image
 * runs the whole journey inside the shared network namespace. The trace is asserted step by step, and each server
 * container's metadata is read from the host through its published port.
 */
@ExtendWith(DockerDaemon.class)
class ContainerStackIT {

	private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(3);

	private static final List<String> STEPS = List.of("[1] Discovery", "[2] Authorization (CIMD + PKCE) for base scope",
			"[3] Call tool 'whoami'", "[4] Call tool 'get_weather' (expect insufficient scope)",
			"[5] Step-up re-authorization for the extra scope", "[6] Retry 'get_weather' with stepped-up token");

	private static final String SUCCESS = "=== Success: full CIMD + OAuth 2.1 + step-up flow completed ===";

	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static ContainerStack stack;

	private static ClientRun journey;

	@BeforeAll
	static void startTheStackAndRunTheClientContainer() {
		DockerDaemon.require();
		stack = ContainerStack.start(RepositoryLayout.find());
		journey = stack.runClient(CLIENT_TIMEOUT, ContainerStack.RESOURCE);
	}

	@AfterAll
	static void stopTheStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void clientContainerCompletesTheJourneyAndExitsZero() {
		assertThat(journey.exitCode()).as(ContainerStackIT::failureContext).isZero();
		assertThat(journey.stdout()).as(ContainerStackIT::failureContext).last().isEqualTo(SUCCESS);
	}

	@Test
	void traceShowsTheSixStepsOnceEachInOrder() {
		List<String> headers = journey.stdout().stream().filter((line) -> line.startsWith("[")).toList();

		assertThat(headers).as(ContainerStackIT::failureContext).containsExactlyElementsOf(STEPS);
	}

	@Test
	void traceShowsDiscoveryCimdRegistrationAudienceBoundTokensAndOneStepUp() {
		// The URLs in the trace are the configured ones, identical inside the containers and on the host.
		assertThat(journey.stdout()).as(ContainerStackIT::failureContext)
			.anySatisfy((line) -> assertThat(line).startsWith("    401 challenge -> resource_metadata=")
				.contains("scope=mcp:connect"))
			.contains("    PRM: resource=" + ContainerStack.RESOURCE + " as=[" + ContainerStack.ISSUER
					+ "] scopes=[mcp:connect]")
			.contains("    AS metadata discovered at " + ContainerStack.ISSUER
					+ "/.well-known/oauth-authorization-server")
			// CIMD across containers: the auth-server container fetched the client container's document (AS-16)
			.contains("    registration: CIMD client_id=http://localhost:3000/client-metadata.json")
			.anySatisfy((line) -> assertThat(line).startsWith("    CIMD document fetched by the authorization server"))
			.contains("    token: scope=mcp:connect aud=" + ContainerStack.RESOURCE)
			.anySatisfy((line) -> assertThat(line).startsWith("    403 insufficient_scope -> ")
				.contains("weather:read"))
			.contains("    token: scope=mcp:connect weather:read aud=" + ContainerStack.RESOURCE);
		assertThat(journey.stdout().stream().filter((line) -> line.startsWith("    403 insufficient_scope")))
			.as("exactly one step-up (CL-20)")
			.hasSize(1);
	}

	@Test
	void clientContainerPrintsNoToken() {
		// RS-17 / CL-24: tokens never reach a log; a JWT has a recognisable base64url-JSON prefix.
		assertThat(String.join("\n", journey.stdout()) + journey.stderr()).doesNotContainPattern(JWT);
	}

	@Test
	void serversStayUpAndHealthyAfterTheClientExits() {
		assertThat(stack.serverStates()).as(ContainerStackIT::failureContext).containsOnly("running/healthy");
	}

	@Test
	void authServerContainerServesRfc8414MetadataWithTheConfiguredIssuer() throws Exception {
		// AS-11, AS-12, AS-04, AS-13: the host reaches the container on a random port; the issuer stays the
		// configured one, never derived from the request's Host header.
		JsonNode metadata = getJson(stack.authServerFromHost("/.well-known/oauth-authorization-server"));

		assertThat(metadata.path("issuer").asString()).isEqualTo(ContainerStack.ISSUER);
		assertThat(metadata.path("authorization_endpoint").asString()).startsWith(ContainerStack.ISSUER + "/");
		assertThat(metadata.path("token_endpoint").asString()).startsWith(ContainerStack.ISSUER + "/");
		assertThat(metadata.path("code_challenge_methods_supported").values()).extracting(JsonNode::asString)
			.contains("S256");
		assertThat(metadata.path("client_id_metadata_document_supported").asBoolean()).isTrue();
	}

	@Test
	void resourceServerContainerServesRfc9728MetadataForTheCanonicalResource() throws Exception {
		// RS-01, RS-02, RS-15: resource identical to the URL clients use, the one trusted issuer, base scope only.
		JsonNode metadata = getJson(stack.resourceServerFromHost("/.well-known/oauth-protected-resource/mcp"));

		assertThat(metadata.path("resource").asString()).isEqualTo(ContainerStack.RESOURCE);
		assertThat(metadata.path("authorization_servers").values()).extracting(JsonNode::asString)
			.containsExactly(ContainerStack.ISSUER);
		assertThat(metadata.path("scopes_supported").values()).extracting(JsonNode::asString)
			.containsExactly("mcp:connect");
	}

	private static JsonNode getJson(URI uri) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(uri).header("Accept", "application/json").timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		return json.readTree(response.body());
	}

	private static String failureContext() {
		return journey + "\n" + stack.serverLogs();
	}

}
