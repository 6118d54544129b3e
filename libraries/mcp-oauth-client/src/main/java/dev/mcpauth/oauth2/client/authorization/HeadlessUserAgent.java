package dev.mcpauth.oauth2.client.authorization;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.http.EndpointPolicy;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;

/**
 * A user agent without a user: it GETs the authorization URL itself, follows the authorization server's own
 * redirects (keeping cookies, as a browser would), and stops at the first redirect to the {@code redirect_uri}
 * without following it, reading {@code code}, {@code state} and {@code iss} from {@code Location}. This works with
 * servers that authorize without interaction: the conformance suite's mock, or the auth-server's {@code demo} profile.
 */
public final class HeadlessUserAgent implements UserAgent {

	private static final int MAX_REDIRECTS = 10;

	private final String redirectUri;

	private final HttpClient http;

	private final Duration timeout;

	private final AuthorizationTraceListener trace;

	public HeadlessUserAgent(String redirectUri, Duration timeout, AuthorizationTraceListener trace) {
		this(redirectUri, timeout, trace, null);
	}

	/** @param sslContext trust for an https authorization endpoint, or null for the JVM default */
	public HeadlessUserAgent(String redirectUri, Duration timeout, AuthorizationTraceListener trace,
			SSLContext sslContext) {
		this.redirectUri = redirectUri;
		this.timeout = timeout;
		this.trace = trace;
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1) // OAuth endpoints gain nothing from an h2c upgrade attempt
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(new CookieManager())
			.connectTimeout(timeout);
		this.http = (sslContext != null ? builder.sslContext(sslContext) : builder).build();
	}

	@Override
	public String redirectUri() {
		return this.redirectUri;
	}

	@Override
	public URI authorize(URI authorizationUri) {
		URI next = authorizationUri;
		for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
			EndpointPolicy.require(next, "authorization redirect");
			HttpResponse<Void> response = send(next);
			int status = response.statusCode();
			this.trace.verbose("GET " + withoutQuery(next) + " -> " + status);
			if (status / 100 == 3) {
				String location = response.headers()
					.firstValue("Location")
					.orElseThrow(() -> new McpAuthorizationException("authorization server redirected without a Location header"));
				URI target = next.resolve(location);
				if (isRedirectUri(target)) {
					return target;
				}
				next = target;
				continue;
			}
			if (status == 200) {
				throw new InteractionRequiredException("the authorization server answered with a page (HTTP 200, a login or "
						+ "consent form?); headless mode cannot fill it in");
			}
			throw new McpAuthorizationException("the authorization endpoint answered HTTP " + status + " at " + withoutQuery(next));
		}
		throw new McpAuthorizationException("more than " + MAX_REDIRECTS + " redirects during authorization");
	}

	private boolean isRedirectUri(URI target) {
		URI expected = URI.create(this.redirectUri);
		return expected.getScheme().equalsIgnoreCase(target.getScheme())
				&& expected.getHost().equalsIgnoreCase(String.valueOf(target.getHost()))
				&& expected.getPort() == target.getPort() && expected.getRawPath().equals(target.getRawPath());
	}

	private HttpResponse<Void> send(URI uri) {
		try {
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(this.timeout).GET().build();
			return this.http.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			throw new McpAuthorizationException("cannot reach the authorization endpoint " + withoutQuery(uri) + ": " + ex.getMessage(),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new McpAuthorizationException("interrupted during authorization", ex);
		}
	}

	private static String withoutQuery(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
	}

}
