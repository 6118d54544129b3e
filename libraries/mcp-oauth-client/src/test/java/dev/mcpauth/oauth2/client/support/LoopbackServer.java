package dev.mcpauth.oauth2.client.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port that records every request it receives and answers from
 * routes keyed by path; unknown paths get 404. Tests use it to observe exactly which URLs the client asked for.
 */
public final class LoopbackServer implements AutoCloseable {

	/** A received request. */
	public record Request(String method, String path, String query, Headers headers, String body) {
	}

	/** A canned answer. */
	public record Reply(int status, Map<String, String> headers, String body) {

		public static Reply json(int status, String body) {
			return new Reply(status, Map.of("Content-Type", "application/json"), body);
		}

		public static Reply redirect(String location) {
			return new Reply(302, Map.of("Location", location), "");
		}

	}

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();

	public LoopbackServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
			this.requests.add(request);
			Function<Request, Reply> route = this.routes.get(request.path());
			Reply reply = route != null ? route.apply(request) : Reply.json(404, "{\"error\":\"not_found\"}");
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
	}

	public LoopbackServer route(String path, Function<Request, Reply> handler) {
		this.routes.put(path, handler);
		return this;
	}

	/** {@code http://127.0.0.1:<port>} */
	public String origin() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public List<String> requestedPaths() {
		return this.requests.stream().map(Request::path).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
