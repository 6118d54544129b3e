package dev.mcpauth.authserver.cimd.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * An HTTPS document host on 127.0.0.1 whose certificate (PEM, from the test fixtures in {@code tls/}) is issued by
 * one of two test CAs. It serves JSON bodies by path and counts the requests that got past the TLS handshake.
 */
final class PemTlsDocumentHost implements AutoCloseable {

	static final String FIXTURES = "classpath:dev/mcpauth/authserver/cimd/fetch/tls/";

	private final HttpsServer server;

	private final Map<String, String> bodies = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private PemTlsDocumentHost(HttpsServer server) {
		this.server = server;
	}

	/** @param certificate fixture base name, e.g. {@code cimd-test-by-bundle-ca} (.crt and .key) */
	static PemTlsDocumentHost start(String certificate) throws IOException {
		SSLContext context = SslBundle
			.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate(FIXTURES + certificate + ".crt")
				.withPrivateKey(FIXTURES + certificate + ".key"), null))
			.createSslContext();
		HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(context));
		PemTlsDocumentHost host = new PemTlsDocumentHost(server);
		server.createContext("/", host::handle);
		server.start();
		return host;
	}

	/** An SSL context that trusts only the given fixture CA ({@code bundle-ca} or {@code jvm-ca}). */
	static SSLContext trusting(String ca) {
		return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(FIXTURES + ca + ".crt")))
			.createSslContext();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** {@code https://<host>:<port><path>} */
	String url(String host, String path) {
		return "https://" + host + ":" + port() + path;
	}

	void serveJson(String path, String body) {
		this.bodies.put(path, body);
	}

	int requests() {
		return this.requests.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String body = this.bodies.get(exchange.getRequestURI().getRawPath());
		byte[] bytes = (body != null ? body : "{}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(body != null ? 200 : 404, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
