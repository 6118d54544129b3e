package dev.mcpauth.demo.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

/**
 * Waits until a freshly started service answers a metadata URL with 200. Metadata endpoints are the readiness
 * signal because they are exactly what a client asks first, and they need no token.
 */
public final class ReadinessProbe {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final int LOG_LINES_ON_FAILURE = 25;

	private final HttpClient http;

	public ReadinessProbe() {
		this(null);
	}

	/** @param tls trust for https metadata URLs (the demo's local CA), or null for the JVM default */
	public ReadinessProbe(SSLContext tls) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(1))
			.followRedirects(HttpClient.Redirect.NEVER);
		this.http = (tls != null ? builder.sslContext(tls) : builder).build();
	}

	/**
	 * Polls {@code url} until it answers 200 and returns the body.
	 * @throws ServiceStartException if the child exits first, or {@code timeout} passes
	 */
	public String awaitOk(ChildProcess child, URI url, Duration timeout)
			throws ServiceStartException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String lastAnswer = "no answer";
		while (System.nanoTime() < deadline) {
			if (!child.isAlive()) {
				throw new ServiceStartException(child.name() + " exited with status "
						+ child.exitStatus().orElse(-1) + " before it was ready", child.tail(LOG_LINES_ON_FAILURE));
			}
			try {
				HttpResponse<String> response = this.http.send(
						HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return response.body();
				}
				lastAnswer = "HTTP " + response.statusCode();
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		throw new ServiceStartException(child.name() + " did not answer 200 at " + url + " within "
				+ timeout.toSeconds() + " s (last: " + lastAnswer + "; a slow machine may need a longer --startup-timeout)",
				child.tail(LOG_LINES_ON_FAILURE));
	}

}
