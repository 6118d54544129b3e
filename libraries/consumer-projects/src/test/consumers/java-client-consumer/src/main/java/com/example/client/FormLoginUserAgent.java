package com.example.client;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mcpauth.oauth2.client.authorization.UserAgent;

/**
 * A scripted user for an unattended test: it plays the browser at the authorization server, signs in on the login
 * form, approves every scope on the consent page, and hands back the redirect to the client's loopback
 * {@code redirect_uri} without following it. The library lets a client plug in any user agent; a desktop client
 * would open the system browser instead.
 */
final class FormLoginUserAgent implements UserAgent {

	private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>",
			Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

	private static final Pattern INPUT = Pattern.compile("<input([^>]*)>", Pattern.CASE_INSENSITIVE);

	private static final Pattern DISABLED = Pattern.compile("\\sdisabled(\\s|=|$)", Pattern.CASE_INSENSITIVE);

	private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

	private final String username;

	private final String password;

	private final String redirectUri;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.cookieHandler(new CookieManager())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	FormLoginUserAgent(String username, String password, String redirectUri) {
		this.username = username;
		this.password = password;
		this.redirectUri = redirectUri;
	}

	@Override
	public String redirectUri() {
		return this.redirectUri;
	}

	@Override
	public URI authorize(URI authorizationUri) {
		HttpRequest next = HttpRequest.newBuilder(authorizationUri).GET().build();
		for (int hop = 0; hop < 12; hop++) {
			HttpResponse<String> response = send(next);
			URI at = next.uri();
			if (response.statusCode() / 100 == 3) {
				URI target = at.resolve(response.headers().firstValue("Location").orElseThrow());
				if (target.toString().startsWith(this.redirectUri)) {
					return target;
				}
				next = HttpRequest.newBuilder(target).GET().build();
			}
			else if (response.statusCode() == 200) {
				next = submit(at, response.body());
			}
			else {
				throw new IllegalStateException("authorization server answered HTTP " + response.statusCode());
			}
		}
		throw new IllegalStateException("too many steps at the authorization server");
	}

	/** Fills the page's form: credentials on the login page, every offered scope on the consent page. */
	private HttpRequest submit(URI page, String html) {
		Matcher form = FORM.matcher(html);
		if (!form.find()) {
			throw new IllegalStateException("expected a login or consent form at " + page.getPath());
		}
		Map<String, List<String>> fields = new LinkedHashMap<>();
		Matcher input = INPUT.matcher(form.group(2));
		while (input.find()) {
			if (DISABLED.matcher(input.group(1)).find()) {
				continue; // a browser submits no disabled control (e.g. scopes granted before)
			}
			Map<String, String> attributes = new LinkedHashMap<>();
			Matcher attribute = ATTRIBUTE.matcher(input.group(1));
			while (attribute.find()) {
				attributes.put(attribute.group(1).toLowerCase(), attribute.group(2));
			}
			String name = attributes.get("name");
			if (name == null || "submit".equals(attributes.get("type")) && !"consent_action".equals(name)) {
				continue;
			}
			String value = switch (name) {
				case "username" -> this.username;
				case "password" -> this.password;
				default -> unescape(attributes.getOrDefault("value", ""));
			};
			fields.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		StringBuilder body = new StringBuilder();
		fields.forEach((name, values) -> values.forEach((value) -> body.append(body.isEmpty() ? "" : "&")
			.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
		String action = form.group(1).isEmpty() ? page.getRawPath() : unescape(form.group(1));
		return HttpRequest.newBuilder(page.resolve(action))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot reach the authorization server: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static String unescape(String html) {
		return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
			.replace("&amp;", "&");
	}

}
