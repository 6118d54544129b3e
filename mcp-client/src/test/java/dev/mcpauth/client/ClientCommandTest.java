package dev.mcpauth.client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

import dev.mcpauth.client.config.McpClientProperties;
import dev.mcpauth.client.journey.ToolCall;
import dev.mcpauth.oauth2.client.AuthorizationGrant;
import dev.mcpauth.oauth2.client.dpop.DpopMode;
import dev.mcpauth.oauth2.client.support.FakeMcpDeployment;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command line: usage errors, --call, --client-credentials, and one clear stderr line when the server is
 * unreachable or the configuration cannot work.
 */
class ClientCommandTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final ClientCommand command = new ClientCommand(properties(), JsonMapper.builder().build(),
			new PrintStream(this.out, true), new PrintStream(this.err, true));

	@Test
	void exitsWith2AndUsageWithoutAServerUrl() {
		this.command.run(new DefaultApplicationArguments("--quiet"));

		assertThat(this.command.getExitCode()).isEqualTo(2);
		assertThat(stderr()).startsWith("mcp-client: expected exactly one MCP server URL, got 0 arguments")
			.contains("usage:");
	}

	@Test
	void refusesAServerUrlThatIsNotCanonical() { // MCP canonical server URI: absolute, no fragment
		assertThatThrownBy(() -> ClientCommand.serverUrl(List.of("mcp.example.com"))).hasMessageContaining("absolute http(s)");
		assertThatThrownBy(() -> ClientCommand.serverUrl(List.of("https://mcp.example.com/mcp#x"))).hasMessageContaining("fragment");
		assertThat(ClientCommand.serverUrl(List.of("https://mcp.example.com/mcp"))).isEqualTo(URI.create("https://mcp.example.com/mcp"));
	}

	@Test
	void parsesCallsWithJsonArguments() {
		List<ToolCall> calls = this.command.parseCalls(List.of("whoami", "get_weather={\"city\":\"Oslo\",\"days\":2}"));

		assertThat(calls).containsExactly(new ToolCall("whoami", Map.of(), false),
				new ToolCall("get_weather", Map.of("city", "Oslo", "days", 2), false));
		assertThatThrownBy(() -> this.command.parseCalls(List.of("t={oops"))).hasMessageContaining("not a JSON object");
	}

	@Test
	void reportsAnUnreachableServerInOneLine() throws Exception {
		int freePort;
		try (ServerSocket socket = new ServerSocket(0)) {
			freePort = socket.getLocalPort();
		}

		this.command.run(new DefaultApplicationArguments("--quiet", "http://127.0.0.1:" + freePort + "/mcp"));

		assertThat(this.command.getExitCode()).isEqualTo(1);
		assertThat(stderr().lines()).singleElement().asString().startsWith("mcp-client: ");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void reportsAServerThatNeverAnswersInOneLine() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			ClientCommand impatient = new ClientCommand(properties(Duration.ofSeconds(1)), JsonMapper.builder().build(),
					new PrintStream(this.out, true), new PrintStream(this.err, true));

			impatient.run(new DefaultApplicationArguments("--quiet", "http://127.0.0.1:" + silent.getLocalPort() + "/mcp"));

			assertThat(impatient.getExitCode()).isEqualTo(1);
			assertThat(stderr().lines()).singleElement()
				.isEqualTo("mcp-client: the MCP server at http://127.0.0.1:" + silent.getLocalPort()
						+ "/mcp did not answer in time (mcp-client.timeout)");
		}
	}

	@Test
	void propertiesNeverPrintTheClientSecret() { // issue 4 item 5: nothing secret is printed
		McpClientProperties configured = new McpClientProperties(true, "demo-host-client", "s3cret-value",
				new McpClientProperties.Cimd(null, 0, "127.0.0.1", null), "c", "http://127.0.0.1/callback",
				Duration.ofSeconds(5), Duration.ofSeconds(5), List.of(), AuthorizationGrant.AUTHORIZATION_CODE, null, null,
				DpopMode.AUTO);

		assertThat(configured.toString()).contains("demo-host-client").doesNotContain("s3cret-value");
	}

	@Test
	void clientCredentialsWithoutAClientIdIsAUsageError() {
		this.command.run(new DefaultApplicationArguments("--client-credentials", "--quiet", "http://127.0.0.1:1/mcp"));

		assertThat(this.command.getExitCode()).isEqualTo(2);
		assertThat(stderr().lines()).singleElement()
			.asString()
			.startsWith("mcp-client: --client-credentials needs a client id (--mcp-client.client-id / MCP_CLIENT_ID)"
					+ " and a client secret");
	}

	@Test
	void clientCredentialsWithoutASecretOrKeyIsAUsageError() {
		ClientCommand command = command(properties(Duration.ofSeconds(5), "cc-client", null, null));

		command.run(new DefaultApplicationArguments("--client-credentials", "http://127.0.0.1:1/mcp"));

		assertThat(command.getExitCode()).isEqualTo(2);
		assertThat(stderr().lines()).singleElement()
			.asString()
			.startsWith("mcp-client: --client-credentials needs a client secret (--mcp-client.client-secret /"
					+ " MCP_CLIENT_SECRET) or a private key")
			.contains("for client cc-client");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void anUnreadablePrivateKeyIsOneLineWithoutTheKey() {
		ClientCommand command = command(properties(Duration.ofSeconds(5), "cc-client", null, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleQ==\n-----END PRIVATE KEY-----"));

		command.run(new DefaultApplicationArguments("--client-credentials", "--quiet", "http://127.0.0.1:1/mcp"));

		assertThat(command.getExitCode()).isEqualTo(2);
		assertThat(stderr().lines()).singleElement()
			.isEqualTo("mcp-client: the client private key is not a valid PKCS #8 PEM or private JWK (InvalidKeySpecException)");
	}

	@Test
	void aSecretAndAPrivateKeyTogetherAreAUsageError() {
		ClientCommand command = command(properties(Duration.ofSeconds(5), "cc-client", "s", "{\"kty\":\"EC\"}"));

		command.run(new DefaultApplicationArguments("--quiet", "http://127.0.0.1:1/mcp"));

		assertThat(command.getExitCode()).isEqualTo(2);
		assertThat(stderr()).startsWith("mcp-client: give either a client secret or a client private key, not both");
	}

	@Test
	void clientCredentialsFlagRunsTheGrantWithDpopAndStepUp() throws Exception { // issue 17
		try (FakeMcpDeployment deployment = new FakeMcpDeployment()) {
			deployment.cimdSupported = false;
			deployment.registrationOffered = false;
			deployment.dpop = true;
			deployment.rsNonceRequired = true;
			ClientCommand command = command(
					properties(Duration.ofSeconds(10), FakeMcpDeployment.CC_CLIENT_ID, FakeMcpDeployment.CC_SECRET, null));

			command.run(new DefaultApplicationArguments("--client-credentials", "--verbose", "--call=whoami",
					"--call=get_weather={\"city\":\"Oslo\"}", deployment.resource()));

			String stdout = this.out.toString(StandardCharsets.UTF_8);
			assertThat(command.getExitCode()).as(stderr()).isZero();
			assertThat(stdout.lines()).containsSubsequence("[2] Authorization (client credentials, client_secret_basic) for base scope",
					"    client_credentials grant: client_id=cc-client auth=client_secret_basic scope=mcp:connect resource="
							+ deployment.resource() + " dpop=yes",
					// the token line keeps the shape the demo trace fixes; the binding gets a line of its own
					"    token: scope=mcp:connect aud=" + deployment.resource(),
					"[5] Step-up re-authorization for the extra scope",
					"=== Success: client credentials + OAuth 2.1 + step-up flow completed ===");
			assertThat(stdout).containsPattern("DPoP: the authorization server takes ES256 proofs; key jkt=[A-Za-z0-9_-]{43}")
				.containsPattern("\n    token_type=DPoP: bound to the client's key jkt=[A-Za-z0-9_-]{43}\n")
				.contains("DPoP proof attached: htm=POST htu=" + deployment.as.origin() + "/token nonce=no")
				.contains("DPoP nonce challenge from the MCP server (401 use_dpop_nonce): retrying 'initialize' once")
				.contains("DPoP proof attached: htm=POST htu=" + deployment.resource() + " nonce=yes ath=yes")
				.doesNotContain(FakeMcpDeployment.CC_SECRET)
				.doesNotContain("eyJ"); // neither a token nor a proof
			assertThat(deployment.problems).isEmpty();
			assertThat(deployment.authorizationRequests()).isEmpty();
		}
	}

	@Test
	void propertiesNeverPrintThePrivateKey() {
		assertThat(properties(Duration.ofSeconds(5), "c", null, "{\"kty\":\"EC\",\"d\":\"private-part\"}").toString())
			.contains("clientPrivateKey=(hidden)")
			.doesNotContain("private-part");
	}

	private ClientCommand command(McpClientProperties properties) {
		return new ClientCommand(properties, JsonMapper.builder().build(), new PrintStream(this.out, true),
				new PrintStream(this.err, true));
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	private static McpClientProperties properties() {
		return properties(Duration.ofSeconds(5));
	}

	private static McpClientProperties properties(Duration timeout) {
		return properties(timeout, null, null, null);
	}

	private static McpClientProperties properties(Duration timeout, String clientId, String secret, String privateKey) {
		return new McpClientProperties(true, clientId, secret, new McpClientProperties.Cimd(null, 0, "127.0.0.1", null),
				"c", "http://127.0.0.1/callback", timeout, Duration.ofSeconds(5), List.of(),
				AuthorizationGrant.AUTHORIZATION_CODE, privateKey, null, DpopMode.AUTO);
	}

}
