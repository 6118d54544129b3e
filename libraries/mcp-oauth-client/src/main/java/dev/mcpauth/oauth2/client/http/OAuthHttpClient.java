package dev.mcpauth.oauth2.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import javax.net.ssl.SSLContext;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plain HTTP calls of the OAuth side of the flow (metadata, registration, token endpoint). Redirects are not
 * followed: metadata and token responses are expected directly (RFC 9728 section 3.2, RFC 8414 section 3.2). The
 * verbose trace shows method, URL and status, never a body, because bodies carry tokens and secrets.
 */
public final class OAuthHttpClient {

	/** Sent on metadata requests, as MCP clients do (MCP 2025-11-25, protocol version header). */
	public static final String PROTOCOL_VERSION = "2025-11-25";

	private static final int MAX_BODY_BYTES = 1_000_000;

	private final HttpClient http;

	private final JsonMapper json;

	private final Duration timeout;

	private final AuthorizationTraceListener trace;

	public OAuthHttpClient(JsonMapper json, Duration timeout, AuthorizationTraceListener trace) {
		this(json, timeout, trace, null);
	}

	/**
	 * @param sslContext trust (and key) material for https calls, e.g. an SSL bundle's context trusting a private CA;
	 * null for the JVM default. Hostname verification stays on either way.
	 */
	public OAuthHttpClient(JsonMapper json, Duration timeout, AuthorizationTraceListener trace, SSLContext sslContext) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1) // OAuth endpoints gain nothing from an h2c upgrade attempt
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(timeout);
		this.http = (sslContext != null ? builder.sslContext(sslContext) : builder).build();
		this.json = json;
		this.timeout = timeout;
		this.trace = trace;
	}

	public record Response(int status, HttpHeaders headers, String body) {

		public boolean isOk() {
			return this.status / 100 == 2;
		}

	}

	public Response get(URI uri) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.header("MCP-Protocol-Version", PROTOCOL_VERSION)
			.GET()
			.build();
		return send(request);
	}

	public Response postForm(URI uri, Map<String, String> form, String authorizationHeader) {
		return postForm(uri, form, authorizationHeader == null ? Map.of() : Map.of("Authorization", authorizationHeader));
	}

	/** @param headers extra request headers, e.g. {@code Authorization} and {@code DPoP} */
	public Response postForm(URI uri, Map<String, String> form, Map<String, String> headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
		headers.forEach(builder::header);
		return send(builder.build());
	}

	public Response postJson(URI uri, Object body) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
		return send(request);
	}

	/** Parses a JSON object body, or fails with a message naming what was expected. */
	public JsonNode jsonObject(Response response, String what) {
		try {
			JsonNode node = this.json.readTree(response.body());
			if (node == null || !node.isObject()) {
				throw new McpAuthorizationException(what + " is not a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new McpAuthorizationException(what + " is not valid JSON");
		}
	}

	public static String formEncode(Map<String, String> form) {
		StringJoiner joiner = new StringJoiner("&");
		form.forEach((name, value) -> {
			if (value != null) {
				joiner.add(urlEncode(name) + "=" + urlEncode(value));
			}
		});
		return joiner.toString();
	}

	public static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			this.trace.verbose(request.method() + " " + request.uri() + " -> " + response.statusCode());
			byte[] body;
			try (InputStream in = response.body()) {
				body = in.readNBytes(MAX_BODY_BYTES + 1); // bounded: metadata comes from the network
			}
			if (body.length > MAX_BODY_BYTES) {
				throw new McpAuthorizationException("response of " + request.uri() + " is larger than " + MAX_BODY_BYTES + " bytes");
			}
			return new Response(response.statusCode(), response.headers(), new String(body, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new McpAuthorizationException("cannot reach " + request.uri() + ": " + describe(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new McpAuthorizationException("interrupted while calling " + request.uri(), ex);
		}
	}

	private static String describe(IOException ex) {
		return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
