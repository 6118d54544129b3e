package dev.mcpauth.client.journey;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mcpauth.client.ClientFailure;
import dev.mcpauth.client.config.ClientTls;
import dev.mcpauth.client.trace.TracePrinter;
import dev.mcpauth.oauth2.client.McpOAuthClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP side of the run, on the MCP Java SDK: connect ({@code initialize}), list the tools, then call the
 * configured tools in order, skipping those the server does not list. Authorization happens underneath, in the
 * library's {@link McpOAuthClient} plugged into the transport, whenever the server answers 401 or 403.
 */
public final class ToolJourney {

	private final McpOAuthClient oauth;

	private final TracePrinter trace;

	private final JsonMapper json;

	private final Duration requestTimeout;

	private final ClientTls tls;

	public ToolJourney(McpOAuthClient oauth, TracePrinter trace, JsonMapper json, Duration requestTimeout) {
		this(oauth, trace, json, requestTimeout, ClientTls.jvmDefault());
	}

	public ToolJourney(McpOAuthClient oauth, TracePrinter trace, JsonMapper json, Duration requestTimeout,
			ClientTls tls) {
		this.tls = tls;
		this.oauth = oauth;
		this.trace = trace;
		this.json = json;
		this.requestTimeout = requestTimeout;
	}

	/** @return the names of the tools that were called */
	public List<String> run(URI serverUrl, List<ToolCall> calls) {
		McpSyncClient client = McpClient.sync(transport(serverUrl))
			.clientInfo(new McpSchema.Implementation("mcp-auth-reference-client", "MCP Authorization reference client",
					"0.1.0"))
			.requestTimeout(this.requestTimeout)
			.initializationTimeout(this.requestTimeout)
			.build();
		try {
			McpSchema.InitializeResult init = client.initialize();
			Set<String> tools = client.listTools()
				.tools()
				.stream()
				.map(McpSchema.Tool::name)
				.collect(Collectors.toCollection(LinkedHashSet::new));
			if (this.trace.stepCount() == 0) {
				this.trace.step("Connect (no authorization required)");
			}
			this.trace.detail("connected: server=" + init.serverInfo().name() + " protocol=" + init.protocolVersion()
					+ " tools=" + tools);
			List<String> called = new ArrayList<>();
			for (ToolCall call : calls) {
				if (!tools.contains(call.tool())) {
					this.trace.detail("skipped tool '" + call.tool() + "': the server does not list it");
					continue;
				}
				this.trace.step("Call tool '" + call.tool() + "'" + (call.expectStepUp() ? " (expect insufficient scope)" : ""));
				McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(call.tool(), call.arguments()));
				String rendered = render(result);
				this.trace.detail("result: " + rendered);
				if (Boolean.TRUE.equals(result.isError())) {
					throw new ClientFailure("tool '" + call.tool() + "' returned an error: " + rendered);
				}
				called.add(call.tool());
			}
			return called;
		}
		finally {
			close(client);
		}
	}

	/** Ends the session (DELETE); a failure here must not hide the outcome of the journey. */
	private static void close(McpSyncClient client) {
		try {
			client.closeGracefully();
		}
		catch (RuntimeException ex) {
			// the session ends with the process anyway
		}
	}

	private HttpClientStreamableHttpTransport transport(URI serverUrl) {
		String origin = serverUrl.getScheme() + "://" + serverUrl.getRawAuthority();
		String endpoint = (serverUrl.getRawPath() == null ? "" : serverUrl.getRawPath())
				+ (serverUrl.getRawQuery() == null ? "" : "?" + serverUrl.getRawQuery());
		return HttpClientStreamableHttpTransport.builder(origin)
			.endpoint(endpoint.isEmpty() ? "/" : endpoint)
			.customizeClient(this.tls::applyTo)
			.jsonMapper(new JacksonMcpJsonMapper(this.json))
			.httpRequestCustomizer(this.oauth.requestCustomizer())
			.authorizationErrorHandler(this.oauth.authorizationErrorHandler())
			.build();
	}

	private String render(McpSchema.CallToolResult result) {
		String text;
		if (result.structuredContent() != null) {
			text = this.json.writeValueAsString(result.structuredContent());
		}
		else {
			text = result.content()
				.stream()
				.map(content -> content instanceof McpSchema.TextContent t ? t.text() : "[" + content.type() + "]")
				.collect(Collectors.joining(" "));
		}
		text = text.replaceAll("\\s+", " ").trim();
		return text.length() > 500 ? text.substring(0, 500) + "..." : text;
	}

}
