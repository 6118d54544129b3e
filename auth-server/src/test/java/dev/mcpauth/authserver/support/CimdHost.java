package dev.mcpauth.authserver.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a random loopback port that publishes Client ID Metadata Documents for tests, and
 * counts how often each path is fetched.
 */
public final class CimdHost implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Response> responses = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	private CimdHost(HttpServer server) {
		this.server = server;
	}

	public static CimdHost start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			CimdHost host = new CimdHost(server);
			server.createContext("/", host::handle);
			server.start();
			return host;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** Serves {@code body} at {@code path} with the given status, content type and extra headers. */
	public void serve(String path, int status, String contentType, String body, Map<String, String> headers) {
		this.responses.put(path, new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers));
	}

	public void serveJson(String path, String json) {
		serve(path, 200, "application/json", json, Map.of());
	}

	/** Publishes a valid public-client document for {@code url(path)} and returns its client_id. */
	public String publish(String path, String... redirectUris) {
		String clientId = url(path);
		serveJson(path, document(clientId, redirectUris));
		return clientId;
	}

	public int hits(String path) {
		AtomicInteger count = this.hits.get(path);
		return (count != null) ? count.get() : 0;
	}

	public static String document(String clientId, String... redirectUris) {
		String uris = List.of(redirectUris).stream().map((u) -> "\"" + u + "\"").collect(Collectors.joining(","));
		return """
				{"client_id":"%s","client_name":"Test client","redirect_uris":[%s],
				 "grant_types":["authorization_code"],"response_types":["code"],"token_endpoint_auth_method":"none"}
				""".formatted(clientId, uris);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		this.hits.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
		Response response = this.responses.get(path);
		if (response == null) {
			response = new Response(404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8), Map.of());
		}
		exchange.getResponseHeaders().set("Content-Type", response.contentType());
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(response.status(), (response.body().length == 0) ? -1 : response.body().length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(response.body());
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
	}

}
