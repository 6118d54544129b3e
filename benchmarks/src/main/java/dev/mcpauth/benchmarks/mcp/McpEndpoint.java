package dev.mcpauth.benchmarks.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.benchmarks.http.HttpConnection;
import dev.mcpauth.benchmarks.http.HttpResponse;

/**
 * JSON-RPC over the MCP Streamable HTTP transport (MCP 2025-11-25 basic/transports), written out by hand: one
 * {@code initialize} opens a session, then {@code tools/call} requests carry its {@code Mcp-Session-Id}. The
 * server may answer a request as JSON or as a server-sent event stream holding the one response.
 *
 * @param path the MCP endpoint's path, e.g. {@code /mcp}
 * @param bearer the access token, or {@code null} for a server without security
 */
public record McpEndpoint(String path, String bearer) {

	public static final String PROTOCOL_VERSION = "2025-11-25";

	/** Opens a session: {@code initialize}, then {@code notifications/initialized}; returns the session id. */
	public String initialize(HttpConnection connection) throws IOException {
		HttpResponse response = connection.post(this.path, headers(null), ("""
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},\
				"clientInfo":{"name":"mcpauth-benchmarks","version":"1"}}}""").formatted(PROTOCOL_VERSION)
			.getBytes(StandardCharsets.UTF_8));
		String session = response.header("mcp-session-id");
		if (response.status() != 200 || session == null) {
			throw new IOException("initialize answered " + response.status() + (session == null ? " without a session" : ""));
		}
		HttpResponse initialized = connection.post(this.path, headers(session),
				"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8));
		if (initialized.status() != 202 && initialized.status() != 200) {
			throw new IOException("notifications/initialized answered " + initialized.status());
		}
		return session;
	}

	/** A prepared {@code tools/call}: the same bytes are sent on every call, as a real client would vary little. */
	public ToolCall toolCall(String session, String tool, String argumentsJson) {
		byte[] body = ("""
				{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"%s","arguments":%s}}""")
			.formatted(tool, argumentsJson)
			.getBytes(StandardCharsets.UTF_8);
		return new ToolCall(this.path, headers(session), body);
	}

	private Map<String, String> headers(String session) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("Accept", "application/json, text/event-stream");
		headers.put("MCP-Protocol-Version", PROTOCOL_VERSION);
		if (this.bearer != null) {
			headers.put("Authorization", "Bearer " + this.bearer);
		}
		if (session != null) {
			headers.put("Mcp-Session-Id", session);
		}
		return headers;
	}

	/**
	 * One {@code tools/call} ready to send.
	 * @param path the endpoint path
	 * @param headers the request headers (with the token: never print them)
	 * @param body the JSON-RPC request
	 */
	public record ToolCall(String path, Map<String, String> headers, byte[] body) {

		/**
		 * Sends the call and returns the JSON-RPC message (the body, or the data of the event stream).
		 * @throws IOException if the HTTP status is not 200 or the answer carries no JSON-RPC result
		 */
		public String send(HttpConnection connection) throws IOException {
			HttpResponse response = connection.post(this.path, this.headers, this.body);
			if (response.status() != 200) {
				throw new IOException("tools/call answered " + response.status());
			}
			String message = message(response);
			if (!message.contains("\"result\"")) {
				throw new IOException("tools/call answered without a JSON-RPC result");
			}
			return message;
		}

		@Override
		public String toString() {
			return "ToolCall[" + this.path + "]";
		}

	}

	static String message(HttpResponse response) {
		String contentType = response.header("content-type");
		String text = response.text();
		if (contentType == null || !contentType.startsWith("text/event-stream")) {
			return text;
		}
		StringBuilder data = new StringBuilder();
		text.lines().filter((line) -> line.startsWith("data:")).forEach((line) -> data.append(line.substring(5).trim()));
		return data.toString();
	}

}
