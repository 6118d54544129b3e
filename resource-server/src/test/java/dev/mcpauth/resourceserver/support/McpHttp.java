package dev.mcpauth.resourceserver.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain JSON-RPC over Streamable HTTP with the JDK client, so tests see every status code and header as sent.
 */
public final class McpHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI endpoint;

	public McpHttp(String endpoint) {
		this.endpoint = URI.create(endpoint);
	}

	/** An HTTP answer, with the JSON-RPC message of a JSON or SSE body when there is one. */
	public record Response(int status, java.net.http.HttpHeaders headers, String body) {

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public List<String> headerValues(String name) {
			return this.headers.allValues(name);
		}

		public String wwwAuthenticate() {
			return header("WWW-Authenticate");
		}

		public JsonNode json() {
			String text = this.body;
			if (text.startsWith("id:") || text.startsWith("event:") || text.startsWith("data:")) {
				text = text.lines()
					.filter(line -> line.startsWith("data:"))
					.map(line -> line.substring(5).strip())
					.reduce((first, second) -> second)
					.orElseThrow();
			}
			return JSON.readTree(text);
		}

	}

	/** POSTs a JSON-RPC body with the headers a Streamable HTTP client sends, plus {@code extraHeaders} (name, value...). */
	public Response post(String body, String... extraHeaders) {
		return post(this.endpoint, body, extraHeaders);
	}

	public Response post(URI uri, String body, String... extraHeaders) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("MCP-Protocol-Version", "2025-11-25")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return send(withHeaders(request, extraHeaders));
	}

	public Response send(String method, URI uri, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.noBody());
		return send(withHeaders(request, headers));
	}

	public Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Runs {@code initialize} and {@code notifications/initialized} with {@code token}; returns the session id. */
	public String initialize(String token) {
		Response init = post(initializeRequest(), "Authorization", bearer(token));
		if (init.status() != 200 || init.header("Mcp-Session-Id") == null) {
			throw new IllegalStateException("initialize failed: " + init.status() + " " + init.body());
		}
		String sessionId = init.header("Mcp-Session-Id");
		Response initialized = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
				"Authorization", bearer(token), "Mcp-Session-Id", sessionId);
		if (initialized.status() != 202) {
			throw new IllegalStateException("notifications/initialized failed: " + initialized.status());
		}
		return sessionId;
	}

	public static String initializeRequest() {
		return """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
				"capabilities":{},"clientInfo":{"name":"resource-server-test","version":"1.0"}}}""";
	}

	public static String toolsList() {
		return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
	}

	public static String toolsCall(String tool, String argumentsJson) {
		return "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
				+ "\",\"arguments\":" + argumentsJson + "}}";
	}

	/** The value of {@code Authorization} for {@code token}. */
	public static String bearer(String token) {
		return "Bearer " + token;
	}

	private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request;
	}

}
