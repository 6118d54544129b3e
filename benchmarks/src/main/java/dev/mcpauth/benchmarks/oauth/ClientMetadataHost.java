package dev.mcpauth.benchmarks.oauth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document) served over real HTTP on 127.0.0.1,
 * as the authorization server's demo profile allows. Any number of clients: {@code /clients/<name>/metadata.json}
 * is the document of client {@code <name>}, so a benchmark gets an uncached client by picking a new name. Counts
 * the fetches per client, which proves what the authorization server fetched and what it served from its cache.
 */
public final class ClientMetadataHost implements AutoCloseable {

	private static final Pattern DOCUMENT_PATH = Pattern.compile("/clients/([a-z0-9-]{1,40})/metadata\\.json");

	private final HttpServer server;

	private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

	public ClientMetadataHost() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		this.server.createContext("/clients/", this::serve);
		this.server.setExecutor(Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "cimd-host");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	/** The {@code client_id} of client {@code name}: the URL of its document. */
	public String clientId(String name) {
		return origin() + "/clients/" + name + "/metadata.json";
	}

	/** The one registered redirect URI of every client (loopback http, as MCP allows for native clients). */
	public String redirectUri() {
		return origin() + "/callback";
	}

	public int fetches(String name) {
		AtomicInteger count = this.fetches.get(name);
		return (count == null) ? 0 : count.get();
	}

	private String origin() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	private void serve(HttpExchange exchange) throws IOException {
		var matcher = DOCUMENT_PATH.matcher(exchange.getRequestURI().getPath());
		if (!"GET".equals(exchange.getRequestMethod()) || !matcher.matches()) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		String name = matcher.group(1);
		this.fetches.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet();
		byte[] body = document(name).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		// long enough for the whole run: cached flows must not meet a refetch halfway (CIMD-00 section 4.4)
		exchange.getResponseHeaders().add("Cache-Control", "max-age=3600");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** A public MCP client asking for refresh tokens too (RFC 7591 section 2 grant_types). */
	private String document(String name) {
		return """
				{"client_id":"%s","client_name":"benchmark client %s","redirect_uris":["%s"],
				 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
				 "token_endpoint_auth_method":"none"}
				""".formatted(clientId(name), name, redirectUri());
	}

	@Override
	public void close() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}

}
