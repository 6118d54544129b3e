package dev.mcpauth.demo.containers;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.mcpauth.demo.AuthorizationCodeFlow.parseQuery;
import static dev.mcpauth.demo.AuthorizationCodeFlow.randomUrlSafe;
import static dev.mcpauth.demo.AuthorizationCodeFlow.s256;

/**
 * One complete journey through the proxy, as a browser and an MCP client would make it, in raw HTTP: dynamic
 * client registration, the authorization request, the login form, the consent form, the code redeemed with PKCE
 * and the resource indicator, MCP initialize and {@code tools/call whoami}, a refresh, and another tool call with
 * the refreshed token in the same MCP session. Every response is recorded in {@link ScaleOutTraffic} with the
 * replica that answered it (the proxy's {@code X-Served-By}).
 * <p>
 * An attempt ends in one of three ways: success; a {@link CleanFailure} (a spec-shaped answer the client can act
 * on: an OAuth error, a 4xx, the proxy's 502/503 while a replica dies, a reset connection), after which the caller
 * starts a new attempt; or an {@link AssertionError} for anything else (a 500, an unexpected answer), which fails
 * the test. An MCP request answered 404 for its session re-initializes and repeats the request (MCP 2025-11-25
 * basic/transports, Session Management), counted as a recovery.
 */
final class ScaleOutJourney {

	static final String CALLBACK = "http://127.0.0.1/callback";

	static final String PROTOCOL_VERSION = "2025-11-25";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern STATE = Pattern.compile("name=\"state\"[^>]*value=\"([^\"]+)\"");

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.shared();

	private final ScaleOutStack stack;

	private final ScaleOutTraffic traffic;

	/** A fresh cookie jar per attempt: a browser of its own. */
	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private String mcpSession;

	ScaleOutJourney(ScaleOutStack stack, ScaleOutTraffic traffic) {
		this.stack = stack;
		this.traffic = traffic;
	}

	/** Runs the whole journey; returns the access token of the last tool call. */
	String run() throws CleanFailure, InterruptedException {
		String clientId = register();
		String verifier = randomUrlSafe(32);
		String code = authorize(clientId, verifier);
		JsonNode tokens = token(form("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK,
				"client_id", clientId, "code_verifier", verifier, "resource", ScaleOutStack.RESOURCE));
		String accessToken = tokens.path("access_token").asString();
		initialize(accessToken);
		callWhoAmI(accessToken);
		JsonNode refreshed = token(form("grant_type", "refresh_token", "refresh_token",
				tokens.path("refresh_token").asString(), "client_id", clientId, "resource", ScaleOutStack.RESOURCE));
		String refreshedToken = refreshed.path("access_token").asString();
		callWhoAmI(refreshedToken);
		return refreshedToken;
	}

	private String register() throws CleanFailure, InterruptedException {
		HttpResponse<String> response = send("register", as("/oauth2/register").header("Content-Type",
				"application/json").POST(HttpRequest.BodyPublishers.ofString("""
						{"client_name":"Scale-out journey","redirect_uris":["%s"],
						 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
						 "token_endpoint_auth_method":"none","scope":"mcp:connect"}""".formatted(CALLBACK))));
		expect(response, 201);
		return json(response).path("client_id").asString();
	}

	/** Authorization request, login, consent; returns the code. */
	private String authorize(String clientId, String verifier) throws CleanFailure, InterruptedException {
		String state = randomUrlSafe(16);
		String query = form("response_type", "code", "client_id", clientId, "redirect_uri", CALLBACK, "scope",
				"mcp:connect", "state", state, "code_challenge", s256(verifier), "code_challenge_method", "S256",
				"resource", ScaleOutStack.RESOURCE);
		HttpResponse<String> toLogin = send("authorize", page("/oauth2/authorize?" + query).GET());
		expect(toLogin, 302);
		HttpResponse<String> loginPage = send("login-page", page(path(location(toLogin))).GET());
		expect(loginPage, 200);
		HttpResponse<String> login = send("login", page("/login").header("Content-Type",
				"application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form("username", ScaleOutStack.USERNAME, "password",
					this.stack.password(), "_csrf", find(CSRF, loginPage)))));
		expect(login, 302);
		this.traffic.login();
		// back to the saved authorization request, which sends the new user to the consent page
		HttpResponse<String> toConsent = send("authorize-after-login", page(path(location(login))).GET());
		expect(toConsent, 302);
		HttpResponse<String> consentPage = send("consent-page", page(path(location(toConsent))).GET());
		expect(consentPage, 200);
		HttpResponse<String> consent = send("consent", page("/oauth2/authorize").header("Content-Type",
				"application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form("client_id", clientId, "state",
					find(STATE, consentPage), "scope", "mcp:connect"))));
		expect(consent, 302);
		this.traffic.consent(servedBy(login), servedBy(consent));
		String callback = location(consent);
		if (!callback.startsWith(CALLBACK + "?")) {
			throw new AssertionError("consent redirected to " + callback);
		}
		Map<String, String> parameters = parseQuery(URI.create(callback).getRawQuery());
		if (parameters.containsKey("error")) {
			throw new CleanFailure("authorization error " + parameters.get("error"));
		}
		if (!state.equals(parameters.get("state")) || !parameters.containsKey("code")) {
			throw new AssertionError("callback without code or with another state: " + parameters.keySet());
		}
		return parameters.get("code");
	}

	private JsonNode token(String form) throws CleanFailure, InterruptedException {
		HttpResponse<String> response = send("token", as("/oauth2/token")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		expect(response, 200);
		JsonNode tokens = json(response);
		if (!tokens.path("access_token").isString()) {
			throw new AssertionError("token response without access_token");
		}
		return tokens;
	}

	private void initialize(String accessToken) throws CleanFailure, InterruptedException {
		this.mcpSession = null;
		HttpResponse<String> response = mcp("initialize", accessToken, """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},
				 "clientInfo":{"name":"scale-out-it","version":"1"}}}""".formatted(PROTOCOL_VERSION));
		expect(response, 200);
		this.mcpSession = response.headers()
			.firstValue("Mcp-Session-Id")
			.orElseThrow(() -> new AssertionError("initialize answered without Mcp-Session-Id"));
		expect(mcp("initialized", accessToken, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
				202);
	}

	/**
	 * {@code tools/call whoami} in the current session; a 404 (session unknown to the replica that answered)
	 * starts a new session and repeats the call once.
	 */
	String callWhoAmI(String accessToken) throws CleanFailure, InterruptedException {
		String body = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\","
				+ "\"arguments\":{}}}";
		HttpResponse<String> response = mcp("tools/call", accessToken, body);
		if (response.statusCode() == 404) {
			this.traffic.recovery();
			initialize(accessToken);
			response = mcp("tools/call", accessToken, body);
		}
		expect(response, 200);
		JsonNode message = message(response);
		if (message.has("error") || message.path("result").path("isError").asBoolean(false)
				|| !message.path("result").path("content").toString().contains(ScaleOutStack.USERNAME)) {
			throw new AssertionError("whoami failed: " + message);
		}
		return servedBy(response);
	}

	/** Opens a session (for the test's long-lived sessions); returns the replica that holds it. */
	String open(String accessToken) throws CleanFailure, InterruptedException {
		initialize(accessToken);
		return this.traffic.lastServedBy(this.mcpSession);
	}

	String session() {
		return this.mcpSession;
	}

	private HttpResponse<String> mcp(String step, String accessToken, String body)
			throws CleanFailure, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.stack.mcpEndpoint())
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("MCP-Protocol-Version", PROTOCOL_VERSION)
			.header("Authorization", "Bearer " + accessToken)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (this.mcpSession != null) {
			request.header("Mcp-Session-Id", this.mcpSession);
		}
		HttpResponse<String> response = send("mcp " + step, request);
		response.headers()
			.firstValue("Mcp-Session-Id")
			.ifPresent((id) -> this.traffic.sessionServedBy(id, servedBy(response)));
		return response;
	}

	private HttpRequest.Builder as(String path) {
		return HttpRequest.newBuilder(this.stack.authorizationServer().resolve(path))
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json");
	}

	private HttpRequest.Builder page(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create(this.stack.authorizationServer() + pathAndQuery))
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "text/html");
	}

	/**
	 * Sends and records; a 500 fails at once. The proxy's 502/503/504 and connection errors are clean failures:
	 * the replica died under the request and the proxy could not retry it (it had started answering).
	 */
	private HttpResponse<String> send(String step, HttpRequest.Builder request)
			throws CleanFailure, InterruptedException {
		HttpResponse<String> response;
		try {
			response = this.browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			this.traffic.transportError();
			throw new CleanFailure(step + ": " + ex);
		}
		this.traffic.response(step, response.statusCode(), servedBy(response));
		if (response.statusCode() == 500) {
			throw new AssertionError(step + " answered 500 on " + servedBy(response) + ": " + response.body());
		}
		if (response.statusCode() == 502 || response.statusCode() == 503 || response.statusCode() == 504) {
			throw new CleanFailure(step + ": proxy answered " + response.statusCode());
		}
		return response;
	}

	/**
	 * The expected status, or a clean failure for a client error carrying what the specs prescribe (OAuth error
	 * JSON, JSON-RPC error, or the login flow's redirect back to the login page).
	 */
	private static void expect(HttpResponse<String> response, int status) throws CleanFailure {
		if (response.statusCode() == status) {
			return;
		}
		int actual = response.statusCode();
		if (actual >= 400 && actual < 500) {
			throw new CleanFailure(response.request().method() + " " + response.uri().getPath() + " answered "
					+ actual + " " + errorOf(response));
		}
		if (actual == 302 && location(response).contains("/login")) {
			throw new CleanFailure(response.uri().getPath() + " sent the browser back to the login page");
		}
		throw new AssertionError(response.request().method() + " " + response.uri().getPath() + " answered "
				+ actual + " instead of " + status + ": " + response.body());
	}

	private static String errorOf(HttpResponse<String> response) {
		try {
			JsonNode body = JSON.readTree(response.body());
			return body.has("error") ? body.path("error").toString() : "";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	static String servedBy(HttpResponse<?> response) {
		return response.headers().firstValue("X-Served-By").orElse("?");
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElse("");
	}

	/** The path and query of a Location, which names the host the browser used (the proxy's mapped port). */
	private static String path(String location) throws CleanFailure {
		URI uri = URI.create(location);
		if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
			throw new CleanFailure("redirect without a path: " + location);
		}
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	private static String find(Pattern pattern, HttpResponse<String> page) {
		Matcher matcher = pattern.matcher(page.body());
		if (!matcher.find()) {
			throw new AssertionError("no " + pattern + " on " + page.uri().getPath());
		}
		return matcher.group(1).replace("&#x2d;", "-").replace("&#x3d;", "=").replace("&amp;", "&");
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** The JSON-RPC message of a response: the body itself, or the data of its server-sent event. */
	static JsonNode message(HttpResponse<String> response) {
		Optional<String> type = response.headers().firstValue("Content-Type");
		String body = type.orElse("").startsWith("text/event-stream") ? response.body()
			.lines()
			.filter((line) -> line.startsWith("data:"))
			.map((line) -> line.substring(5).trim())
			.collect(Collectors.joining()) : response.body();
		return JSON.readTree(body);
	}

	private static String form(String... pairs) {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			form.append(form.isEmpty() ? "" : "&")
				.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
		}
		return form.toString();
	}

	/** A failure the client sees as the specs describe it and recovers from by starting again. */
	static final class CleanFailure extends Exception {

		CleanFailure(String message) {
			super(message);
		}

	}

}
