package com.example.client;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import dev.mcpauth.oauth2.client.McpOAuthClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A plain Java MCP client (no Spring): the MCP Java SDK's own transport with the OAuth library plugged into its two
 * hooks. Arguments: the MCP server URL, then the user name and password the scripted user signs in with.
 */
public final class ConsumerClient {

	private ConsumerClient() {
	}

	public static void main(String[] args) {
		if (args.length != 3) {
			System.err.println("usage: ConsumerClient <mcp-server-url> <username> <password>");
			System.exit(2);
		}
		String serverUrl = args[0];
		java.net.URI server = java.net.URI.create(serverUrl);
		try (McpOAuthClient oauth = McpOAuthClient.builder(serverUrl)
			.clientName("Consumer weather desk")
			.userAgent(new FormLoginUserAgent(args[1], args[2], "http://127.0.0.1:53682/callback"))
			.timeout(Duration.ofSeconds(20))
			.build()) {
			HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
				.builder(server.getScheme() + "://" + server.getRawAuthority())
				.endpoint(server.getRawPath())
				.httpRequestCustomizer(oauth.requestCustomizer())
				.authorizationErrorHandler(oauth.authorizationErrorHandler())
				.build();
			McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
			try {
				client.initialize();
				String tools = client.listTools().tools().stream().map(McpSchema.Tool::name)
					.collect(Collectors.joining(","));
				System.out.println("tools: " + tools);
				McpSchema.CallToolResult weather = client
					.callTool(new McpSchema.CallToolRequest("get_weather", Map.of("city", "Paris")));
				System.out.println("get_weather -> " + text(weather) + (weather.isError() ? " (error)" : ""));
			}
			finally {
				client.closeGracefully();
			}
			System.out.println("registration: " + oauth.registrationMethod().map(Enum::name).orElse("none"));
			System.out.println("authorizations: " + oauth.authorizations());
			System.out.println("step-ups: " + oauth.stepUps());
			if (oauth.failure().isPresent()) {
				System.err.println("authorization failed: " + oauth.failure().get().getMessage());
				System.exit(1);
			}
		}
		catch (RuntimeException ex) {
			System.err.println("failed: " + ex.getMessage());
			System.exit(1);
		}
	}

	private static String text(McpSchema.CallToolResult result) {
		return result.content().stream()
			.filter(McpSchema.TextContent.class::isInstance)
			.map((content) -> ((McpSchema.TextContent) content).text())
			.collect(Collectors.joining());
	}

}
