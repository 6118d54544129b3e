package dev.mcpauth.benchmarks.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator's HTTP/1.1 client against a real JDK HTTP server on loopback. */
class HttpConnectionTest {

	private HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/fixed", (exchange) -> {
			this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] body = "fixed body".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("X-Echo-Host", exchange.getRequestHeaders().getFirst("Host"));
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.createContext("/chunked", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0); // length 0: the JDK server sends chunks
			try (OutputStream out = exchange.getResponseBody()) {
				out.write("event: message\n".getBytes(StandardCharsets.UTF_8));
				out.flush();
				out.write("data: {\"result\":{}}\n\n".getBytes(StandardCharsets.UTF_8));
			}
		});
		this.server.createContext("/redirect", (exchange) -> {
			exchange.getResponseHeaders().add("Location", "http://localhost/callback?code=c");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void readsFixedLengthAndChunkedBodiesOnOneKeptAliveConnection() throws IOException {
		try (HttpConnection connection = HttpConnection.localhost(port())) {
			HttpResponse fixed = connection.post("/fixed", Map.of("Content-Type", "text/plain"),
					"hello".getBytes(StandardCharsets.UTF_8));
			HttpResponse chunked = connection.get("/chunked", Map.of());
			HttpResponse again = connection.get("/fixed", Map.of());

			assertThat(fixed.status()).isEqualTo(200);
			assertThat(fixed.text()).isEqualTo("fixed body");
			assertThat(fixed.header("X-ECHO-HOST")).isEqualTo("localhost:" + port());
			assertThat(chunked.header("transfer-encoding")).isEqualTo("chunked");
			assertThat(chunked.text()).isEqualTo("event: message\ndata: {\"result\":{}}\n\n");
			assertThat(again.text()).isEqualTo("fixed body");
			assertThat(connection.connects()).as("keep-alive held").isEqualTo(1);
		}
		assertThat(this.requests).containsExactly("POST /fixed hello", "GET /fixed ");
	}

	@Test
	void returnsRedirectsWithoutFollowingThem() throws IOException {
		try (HttpConnection connection = HttpConnection.localhost(port())) {
			HttpResponse response = connection.get("/redirect", Map.of());

			assertThat(response.status()).isEqualTo(302);
			assertThat(response.header("Location")).isEqualTo("http://localhost/callback?code=c");
			assertThat(response.body()).isEmpty();
		}
	}

	@Test
	void reconnectsAfterTheServerClosedTheConnection() throws IOException {
		try (HttpConnection connection = HttpConnection.localhost(port())) {
			connection.get("/fixed", Map.of("Connection", "close"));
			HttpResponse next = connection.get("/fixed", Map.of());

			assertThat(next.text()).isEqualTo("fixed body");
			assertThat(connection.connects()).isEqualTo(2);
		}
	}

	private int port() {
		return this.server.getAddress().getPort();
	}

}
