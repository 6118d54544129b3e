package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A JDK HTTPS server on 127.0.0.1 with a self-signed certificate for {@code cimd.test} only, and a client
 * {@link SSLContext} that trusts it: enough to prove SNI and hostname verification over a pinned address.
 */
final class TestTlsServer implements AutoCloseable {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private final HttpsServer server;

	private final SSLContext clientContext;

	private TestTlsServer(HttpsServer server, SSLContext clientContext) {
		this.server = server;
		this.clientContext = clientContext;
	}

	static TestTlsServer start(String document) throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = TestTlsServer.class.getResourceAsStream("cimd-test-server.p12")) {
			keyStore.load(in, PASSWORD);
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(keyStore, PASSWORD);
		SSLContext serverContext = SSLContext.getInstance("TLS");
		serverContext.init(keys.getKeyManagers(), null, null);

		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keyStore);
		SSLContext clientContext = SSLContext.getInstance("TLS");
		clientContext.init(null, trust.getTrustManagers(), null);

		HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
		server.createContext("/", (exchange) -> {
			byte[] body = document.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return new TestTlsServer(server, clientContext);
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	SSLContext clientContext() {
		return this.clientContext;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
