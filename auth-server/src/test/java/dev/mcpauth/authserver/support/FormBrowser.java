package dev.mcpauth.authserver.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for the login and consent pages of an auth-server on {@code 127.0.0.1:port}: keeps cookies (the
 * session), follows no redirect (tests read each {@code Location}), asks for HTML, and posts forms. The two
 * patterns read the hidden fields the pages carry.
 */
public final class FormBrowser {

	public static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	public static final Pattern STATE = Pattern.compile("name=\"state\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final int port;

	public FormBrowser(int port) {
		this.port = port;
	}

	public String url(String pathAndQuery) {
		return "http://127.0.0.1:" + this.port + pathAndQuery;
	}

	/** GETs {@code target}: a URL, or a path on this server. */
	public HttpResponse<String> get(String target) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(resolve(target)).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** POSTs {@code fields} as a form to {@code target}: a URL, or a path on this server. */
	public HttpResponse<String> post(String target, Map<String, String> fields)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(resolve(target))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI resolve(String target) {
		return URI.create(target.startsWith("/") ? url(target) : target);
	}

	/** The first group of {@code pattern} in the page; fails the test when the page lacks it. */
	public static String find(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as("pattern %s in page", pattern).isTrue();
		return matcher.group(1);
	}

	public static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
