package dev.mcpauth.oauth2.client.authorization;

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

import dev.mcpauth.oauth2.client.McpAuthorizationException;

/**
 * Receives the authorization response on {@code http://127.0.0.1:<ephemeral port>/callback} (RFC 8252 section 7.3:
 * loopback IP literal, any port; CL-16). Bound to the loopback interface only, so nothing off the machine can reach it.
 */
public final class LoopbackCallbackListener implements AutoCloseable {

	private static final String PATH = "/callback";

	private final HttpServer server;

	private static final byte[] RECEIVED = page("Authorization received. You can close this window.");

	private static final byte[] IGNORED = page("This response does not belong to the pending authorization request "
			+ "and was ignored.");

	private volatile CompletableFuture<URI> next = new CompletableFuture<>();

	private volatile String expectedState;

	public LoopbackCallbackListener() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new McpAuthorizationException("cannot open the loopback callback listener: " + ex.getMessage(), ex);
		}
		this.server.createContext(PATH, this::handle);
		this.server.start();
	}

	public String redirectUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH;
	}

	/**
	 * Takes only a redirect carrying this {@code state}, the one of the authorization request about to be sent. Any
	 * other request to the listener (a reload, another local process) is answered and discarded (MCP "discard any
	 * results that do not include or have a mismatch" of state, CL-09) instead of ending the authorization.
	 */
	public void expect(String state) {
		this.expectedState = state;
	}

	/** Waits for the redirect of the expected authorization request to arrive. */
	public URI await(Duration timeout) {
		CompletableFuture<URI> pending = this.next;
		try {
			return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new McpAuthorizationException("no authorization response arrived within " + timeout.toSeconds() + " s");
		}
		catch (ExecutionException ex) {
			throw new McpAuthorizationException("callback listener failed: " + ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new McpAuthorizationException("interrupted while waiting for the authorization response");
		}
		finally {
			this.next = new CompletableFuture<>();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		URI full = URI.create(redirectUri()).resolve(exchange.getRequestURI());
		String state = AuthorizationResponse.fromRedirect(full).state();
		boolean pending = state != null && state.equals(this.expectedState);
		byte[] page = pending ? RECEIVED : IGNORED;
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(pending ? 200 : 400, page.length);
		try (OutputStream body = exchange.getResponseBody()) {
			body.write(page);
		}
		if (pending) {
			this.next.complete(full);
		}
	}

	private static byte[] page(String text) {
		return ("<!doctype html><title>MCP client</title><p>" + text).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
