package dev.mcpauth.client.authorization;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.mcpauth.client.ClientFailure;

/**
 * Receives the authorization response on {@code http://127.0.0.1:<ephemeral port>/callback} (RFC 8252 section 7.3:
 * loopback IP literal, any port; CL-16). Bound to the loopback interface only, so nothing off the machine can reach it.
 */
public final class LoopbackCallbackListener implements AutoCloseable {

	private static final String PATH = "/callback";

	private final HttpServer server;

	private volatile CompletableFuture<URI> next = new CompletableFuture<>();

	public LoopbackCallbackListener() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new ClientFailure("cannot open the loopback callback listener: " + ex.getMessage(), ex);
		}
		this.server.createContext(PATH, this::handle);
		this.server.start();
	}

	public String redirectUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH;
	}

	/** Waits for the next redirect to arrive. */
	public URI await(Duration timeout) {
		CompletableFuture<URI> pending = this.next;
		try {
			return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new ClientFailure("no authorization response arrived within " + timeout.toSeconds() + " s");
		}
		catch (ExecutionException ex) {
			throw new ClientFailure("callback listener failed: " + ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClientFailure("interrupted while waiting for the authorization response");
		}
		finally {
			this.next = new CompletableFuture<>();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		URI full = URI.create(redirectUri()).resolve(exchange.getRequestURI());
		byte[] page = "<!doctype html><title>MCP client</title><p>Authorization received. You can close this window."
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(200, page.length);
		try (OutputStream body = exchange.getResponseBody()) {
			body.write(page);
		}
		this.next.complete(full);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
