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
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line: usage errors, --call, and one clear stderr line when the server is unreachable. */
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
