package dev.mcpauth.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A client's Client ID Metadata Document served over real HTTP on loopback, as the demo profile of the
 * authorization server allows (checklist 3.1). Records each request so a test can prove the server fetched it.
 */
final class ClientMetadataDocumentHost implements AutoCloseable {

	static final String PATH = "/client-metadata.json";

	private final HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	ClientMetadataDocumentHost() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext(PATH, exchange -> {
			this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
			byte[] body = document().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	String clientId() {
		return "http://localhost:" + this.server.getAddress().getPort() + PATH;
	}

	String redirectUri() {
		return "http://localhost:" + this.server.getAddress().getPort() + "/callback";
	}

	List<String> requests() {
		return List.copyOf(this.requests);
	}

	private String document() {
		return """
				{"client_id":"%s","client_name":"demo-orchestrator integration test","redirect_uris":["%s"],
				 "grant_types":["authorization_code"],"response_types":["code"],"token_endpoint_auth_method":"none"}
				""".formatted(clientId(), redirectUri());
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
