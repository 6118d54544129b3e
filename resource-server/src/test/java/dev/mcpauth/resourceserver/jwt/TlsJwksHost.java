package dev.mcpauth.resourceserver.jwt;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * The test authorization server's JWK set at {@code https://localhost:<port>/oauth2/jwks}, on 127.0.0.1, with a
 * certificate (PEM fixture in {@code tls/}) for localhost issued by one of two test CAs. Counts the requests that
 * got past the TLS handshake.
 */
final class TlsJwksHost implements AutoCloseable {

	static final String FIXTURES = "classpath:dev/mcpauth/resourceserver/jwt/tls/";

	private final HttpsServer server;

	private final AtomicInteger requests = new AtomicInteger();

	/** @param certificate fixture base name, {@code localhost-by-bundle-ca} or {@code localhost-by-jvm-ca} */
	TlsJwksHost(String certificate) {
		SSLContext context = SslBundle
			.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate(FIXTURES + certificate + ".crt")
				.withPrivateKey(FIXTURES + certificate + ".key"), null))
			.createSslContext();
		try {
			this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setHttpsConfigurator(new HttpsConfigurator(context));
		this.server.createContext("/oauth2/jwks", (exchange) -> {
			this.requests.incrementAndGet();
			byte[] body = TestAuthorizationServer.get().jwkSetJson().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	String jwkSetUri() {
		return "https://localhost:" + this.server.getAddress().getPort() + "/oauth2/jwks";
	}

	int requests() {
		return this.requests.get();
	}

	/** An SSL context that trusts only the given fixture CA ({@code bundle-ca} or {@code jvm-ca}). */
	static SSLContext trusting(String ca) {
		return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(FIXTURES + ca + ".crt")))
			.createSslContext();
	}

	/**
	 * Runs {@code body} with both JVM-wide defaults a Java HTTPS client may fall back to ({@link SSLContext#getDefault()}
	 * and {@link HttpsURLConnection#getDefaultSSLSocketFactory()}) trusting {@code ca}; restores them after.
	 */
	static void withJvmDefaultsTrusting(String ca, Runnable body) throws Exception {
		SSLContext stockContext = SSLContext.getDefault();
		SSLSocketFactory stockFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
		SSLContext trusting = trusting(ca);
		SSLContext.setDefault(trusting);
		HttpsURLConnection.setDefaultSSLSocketFactory(trusting.getSocketFactory());
		try {
			body.run();
		}
		finally {
			SSLContext.setDefault(stockContext);
			HttpsURLConnection.setDefaultSSLSocketFactory(stockFactory);
		}
	}

	/** Whether the JVM default context accepts this host for {@code localhost} (SNI, RFC 6125 hostname check). */
	boolean jvmDefaultAccepts() throws Exception {
		int port = this.server.getAddress().getPort();
		try (Socket raw = new Socket("127.0.0.1", port);
				SSLSocket ssl = (SSLSocket) SSLContext.getDefault()
					.getSocketFactory()
					.createSocket(raw, "localhost", port, true)) {
			SSLParameters parameters = ssl.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			parameters.setServerNames(List.of(new SNIHostName("localhost")));
			ssl.setSSLParameters(parameters);
			ssl.startHandshake();
			return true;
		}
		catch (SSLException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
