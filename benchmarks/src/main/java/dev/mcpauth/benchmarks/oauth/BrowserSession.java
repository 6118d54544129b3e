package dev.mcpauth.benchmarks.oauth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.mcpauth.benchmarks.http.HttpConnection;
import dev.mcpauth.benchmarks.http.HttpResponse;
import dev.mcpauth.benchmarks.oauth.AuthorizationCodeFlow.FlowException;

/**
 * The cookies of one user agent at one server: what makes "a user with an existing session" at an authorization
 * server that signs users in with a form (Keycloak). {@link #signIn} submits the login form once; afterwards
 * {@link #headers()} carries the session cookies, and an authorization request answers 302 with the code straight
 * away. Cookie values are never printed.
 */
public final class BrowserSession {

	/** Splits the joined {@code Set-Cookie} fields at a comma that starts a new {@code name=}. */
	private static final Pattern COOKIE_SEPARATOR = Pattern.compile(",\\s*(?=[!#$%&'*+\\-.^_`|~0-9A-Za-z]+=)");

	private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*\\bid=\"kc-form-login\"[^>]*>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

	private final Map<String, String> cookies = new LinkedHashMap<>();

	/** The request headers that present this session ({@code Cookie}), empty before any cookie was set. */
	public Map<String, String> headers() {
		if (this.cookies.isEmpty()) {
			return Map.of();
		}
		return Map.of("Cookie", this.cookies.entrySet()
			.stream()
			.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
			.collect(Collectors.joining("; ")));
	}

	/** How many cookies the session holds. */
	public int size() {
		return this.cookies.size();
	}

	/**
	 * Takes the cookies a response sets; a cookie set to an empty value or with {@code Max-Age=0} is removed.
	 * @param setCookie the response's {@code Set-Cookie} fields joined with {@code ", "}, or {@code null}
	 */
	public void accept(String setCookie) {
		if (setCookie == null || setCookie.isBlank()) {
			return;
		}
		for (String field : COOKIE_SEPARATOR.split(setCookie)) {
			String[] attributes = field.split(";");
			int eq = attributes[0].indexOf('=');
			if (eq <= 0) {
				continue;
			}
			String name = attributes[0].substring(0, eq).trim();
			String value = attributes[0].substring(eq + 1).trim();
			boolean expired = value.isEmpty();
			for (int i = 1; i < attributes.length; i++) {
				if (attributes[i].trim().equalsIgnoreCase("Max-Age=0")) {
					expired = true;
				}
			}
			if (expired) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, value);
			}
		}
	}

	/**
	 * The {@code action} of Keycloak's login form ({@code <form id="kc-form-login" ... action="...">}), with the
	 * HTML entity {@code &amp;} decoded.
	 * @throws FlowException when the page has no login form
	 */
	public static String loginFormAction(String html) throws FlowException {
		Matcher form = LOGIN_FORM.matcher(html);
		if (!form.find()) {
			throw new FlowException("the authorization request did not answer the login form");
		}
		Matcher action = ACTION.matcher(form.group());
		if (!action.find()) {
			throw new FlowException("the login form has no action");
		}
		return action.group(1).replace("&amp;", "&");
	}

	/**
	 * Signs the user in through the login form of the authorization request of {@code flow} (outside any timing),
	 * redeems the code it yields, and keeps the session cookies.
	 * @return the first token response
	 */
	public TokenResponse signIn(HttpConnection as, AuthorizationCodeFlow flow, String username, String password)
			throws IOException {
		Pkce pkce = Pkce.generate();
		String state = Pkce.randomUrlSafe(12);
		HttpResponse page = as.get(flow.authorizationRequest(pkce, state), withAccept("text/html"));
		accept(page.header("set-cookie"));
		if (page.status() != 200) {
			throw new FlowException("the first authorization request answered " + page.status() + ", not the login page");
		}
		URI action = URI.create(loginFormAction(page.text()));
		String target = action.getRawPath() + (action.getRawQuery() == null ? "" : "?" + action.getRawQuery());
		Map<String, String> headers = new LinkedHashMap<>(withAccept("text/html"));
		headers.put("Content-Type", "application/x-www-form-urlencoded");
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("password", password);
		form.put("credentialId", "");
		HttpResponse login = as.post(target, headers,
				AuthorizationCodeFlow.form(form).getBytes(StandardCharsets.US_ASCII));
		accept(login.header("set-cookie"));
		if (login.status() != 302) {
			throw new FlowException("the login form answered " + login.status() + " instead of redirecting");
		}
		return flow.redeem(as, flow.codeFrom(login.header("location"), state), pkce);
	}

	private Map<String, String> withAccept(String accept) {
		Map<String, String> headers = new LinkedHashMap<>(headers());
		headers.put("Accept", accept);
		return headers;
	}

	@Override
	public String toString() {
		return "BrowserSession[" + this.cookies.size() + " cookies]";
	}

}
