package dev.mcpauth.oauth2.client.cimd;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the client's CIMD document on an embedded JDK HTTP server (default {@code http://localhost:3000}), so that
 * a local authorization server can fetch it. It answers {@code GET <path>} with 200 and the JSON directly, never a
 * redirect (CL-13), and 404 for anything else. Each fetch is recorded, so the trace can show the authorization server
 * reading the document.
 */
public final class ClientMetadataDocumentHost implements ClientMetadataDocumentLocation {

	public static final String PATH = "/client-metadata.json";

	private final HttpServer server;

	private final String clientId;

	private final byte[] body;

	private final List<String> fetches = new ArrayList<>();

	/**
	 * @param publicBaseUrl the origin the authorization server uses to reach this host, or {@code null} for
	 * {@code http://localhost:<bound port>}
	 */
	public ClientMetadataDocumentHost(String bindAddress, int port, String publicBaseUrl, String clientName,
			JsonMapper json) {
		this(bindAddress, port, publicBaseUrl, clientName, json, null);
	}

	/**
	 * @param tls the key material to serve the document over https with (CIMD-00 §3: client_id URLs use https), or
	 * {@code null} for plain http, which only an authorization server in a local demo mode accepts
	 */
	public ClientMetadataDocumentHost(String bindAddress, int port, String publicBaseUrl, String clientName,
			JsonMapper json, SSLContext tls) {
		try {
			InetAddress address = (bindAddress == null || bindAddress.isBlank()) ? InetAddress.getLoopbackAddress()
					: InetAddress.getByName(bindAddress);
			InetSocketAddress socket = new InetSocketAddress(address, port);
			if (tls != null) {
				HttpsServer https = HttpsServer.create(socket, 0);
				https.setHttpsConfigurator(new HttpsConfigurator(tls));
				this.server = https;
			}
			else {
				this.server = HttpServer.create(socket, 0);
			}
		}
		catch (IOException ex) {
			throw new McpAuthorizationException("cannot host the CIMD document on port " + port + ": " + ex.getMessage(), ex);
		}
		String base = (publicBaseUrl == null || publicBaseUrl.isBlank())
				? (tls != null ? "https" : "http") + "://localhost:" + this.server.getAddress().getPort()
				: stripSlash(publicBaseUrl);
		this.clientId = base + PATH;
		this.body = json.writeValueAsBytes(ClientMetadataDocument.forClientId(this.clientId, clientName));
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	@Override
	public String clientId() {
		return this.clientId;
	}

	/** The fetches since the last call, as {@code "GET /client-metadata.json"}. */
	@Override
	public synchronized List<String> takeFetches() {
		List<String> taken = List.copyOf(this.fetches);
		this.fetches.clear();
		return taken;
	}

	private void handle(HttpExchange exchange) throws IOException {
		boolean document = exchange.getRequestURI().getPath().equals(PATH);
		boolean get = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
		if (!document || !get) {
			exchange.sendResponseHeaders(document ? 405 : 404, -1);
			exchange.close();
			return;
		}
		synchronized (this) {
			this.fetches.add(exchange.getRequestMethod() + " " + PATH);
		}
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
		boolean head = exchange.getRequestMethod().equals("HEAD");
		exchange.sendResponseHeaders(200, head ? -1 : this.body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			if (!head) {
				out.write(this.body);
			}
		}
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
