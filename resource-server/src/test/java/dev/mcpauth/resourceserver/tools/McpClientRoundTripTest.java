package dev.mcpauth.resourceserver.tools;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MCP Java SDK client against the running server over real HTTP: initialize, tools/list, tools/call, and a
 * step-up from the base scope to {@code weather:read} within one session.
 */
class McpClientRoundTripTest extends ResourceServerTestSupport {

	@Test
	void sdkClientListsAndCallsToolsAndStepsUpForTheWeather() {
		AtomicReference<String> token = new AtomicReference<>(token("mcp:connect"));
		try (McpSyncClient client = client(token)) {
			client.initialize();

			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.containsExactlyInAnyOrder("whoami", "get_weather");

			McpSchema.CallToolResult whoami = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
			assertThat(whoami.isError()).isFalse();
			assertThat(text(whoami)).contains("\"subject\":\"alice\"")
				.contains("\"clientId\":\"" + TestAuthorizationServer.CLIENT_ID + "\"")
				.contains("\"scopes\":[\"mcp:connect\"]")
				.contains("\"audience\":[\"" + RESOURCE + "\"]")
				.as("RS-09: tools see claims, never the token itself")
				.doesNotContain(token.get())
				.doesNotContain(token.get().substring(token.get().lastIndexOf('.') + 1));

			assertThatThrownBy(
					() -> client.callTool(new McpSchema.CallToolRequest("get_weather", Map.of("city", "Lisbon"))))
				.as("the base-scope token is refused with 403 before the tool runs")
				.isInstanceOfSatisfying(McpHttpClientTransportAuthorizationException.class, refused -> {
					assertThat(refused.getResponseInfo().statusCode()).isEqualTo(403);
					assertThat(refused.getResponseInfo().headers().firstValue("WWW-Authenticate"))
						.hasValueSatisfying(challenge -> assertThat(challenge)
							.contains("error=\"insufficient_scope\"", "scope=\"mcp:connect weather:read\""));
				});

			token.set(token("mcp:connect weather:read"));
			McpSchema.CallToolResult weather = client
				.callTool(new McpSchema.CallToolRequest("get_weather", Map.of("city", "Lisbon")));
			assertThat(weather.isError()).isFalse();
			assertThat(text(weather)).contains("\"city\":\"Lisbon\"").contains("temperatureCelsius");
		}
	}

	@Test
	void weatherForecastIsDeterministic() {
		AtomicReference<String> token = new AtomicReference<>(token("mcp:connect weather:read"));
		try (McpSyncClient client = client(token)) {
			client.initialize();
			McpSchema.CallToolRequest lisbon = new McpSchema.CallToolRequest("get_weather", Map.of("city", "Lisbon"));

			assertThat(text(client.callTool(lisbon))).isEqualTo(text(client.callTool(lisbon)));
		}
	}

	private static McpSyncClient client(AtomicReference<String> token) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(ORIGIN)
			.endpoint("/mcp")
			.httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization",
					"Bearer " + token.get()))
			.build();
		return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

}
