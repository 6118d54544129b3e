package dev.mcpauth.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streamable HTTP requests to an MCP endpoint, written out by hand (MCP 2025-11-25 basic/transports): JSON-RPC in a
 * POST, answered as JSON or as a server-sent event stream.
 */
final class McpHttp {

	static final String PROTOCOL_VERSION = "2025-11-25";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI endpoint;

	McpHttp(String endpoint) {
		this.endpoint = URI.create(endpoint);
	}

	HttpResponse<String> initialize(String bearer) throws IOException, InterruptedException {
		return post(bearer, null, """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},
				 "clientInfo":{"name":"demo-orchestrator-it","version":"1"}}}""".formatted(PROTOCOL_VERSION));
	}

	HttpResponse<String> initialized(String bearer, String sessionId) throws IOException, InterruptedException {
		return post(bearer, sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
	}

	HttpResponse<String> callTool(String bearer, String sessionId, String tool, String argumentsJson)
			throws IOException, InterruptedException {
		return post(bearer, sessionId, """
				{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"%s","arguments":%s}}"""
			.formatted(tool, argumentsJson));
	}

	HttpResponse<String> post(String bearer, String sessionId, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("MCP-Protocol-Version", PROTOCOL_VERSION)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (sessionId != null) {
			request.header("Mcp-Session-Id", sessionId);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The JSON-RPC message of a response: the body itself, or the data of its (single) server-sent event. */
	static JsonNode message(HttpResponse<String> response) {
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		String json = contentType.startsWith("text/event-stream") ? response.body()
			.lines()
			.filter(line -> line.startsWith("data:"))
			.map(line -> line.substring(5).trim())
			.collect(Collectors.joining()) : response.body();
		return JsonMapper.shared().readTree(json);
	}

}
