package dev.mcpauth.oauth2.client.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mcpauth.oauth2.client.support.LoopbackServer.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the demo over real loopback HTTP: an authorization server that takes CIMD client ids (it fetches
 * the document, checks PKCE S256 and the resource), or registers clients dynamically (RFC 7591) when CIMD is
 * switched off, and an MCP server whose {@code get_weather} tool needs {@code weather:read}. Deliberately small and
 * strict; the real modules are exercised by the demo-orchestrator.
 */
public final class FakeMcpDeployment implements AutoCloseable {

	public final LoopbackServer as;

	public final LoopbackServer rs;

	/** Off: the AS advertises no CIMD support but a {@code registration_endpoint} (RFC 7591) instead. */
	public volatile boolean cimdSupported = true;

	/** With CIMD off: off too leaves the client no way to register but pre-registered credentials. */
	public volatile boolean registrationOffered = true;

	/** The authorization endpoint shows a login page (HTTP 200) instead of redirecting at once. */
	public volatile boolean loginPage;

	/** Switches for the negative cases. */
	public volatile boolean pkceAdvertised = true;

	public volatile String prmResourceOverride;

	public volatile boolean plainForbidden;

	public volatile boolean neverEnoughScope;

	/** Grants only mcp:connect whatever is asked (an AS may grant less, OAuth 2.1 section 3.2.3). */
	public volatile boolean grantBaseScopeOnly;

	/** When set, the authorization endpoint redirects back with this error, described over several lines. */
	public volatile String authorizationError;

	/** When set, the token endpoint refuses the authorization code with this error. */
	public volatile String tokenError;

	/** Lifetime of issued access tokens; 0 makes every token expire at once, so the client must refresh. */
	public volatile int expiresIn = 300;

	private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> tokenScopes = new ConcurrentHashMap<>();

	/** Dynamically registered client ids and their redirect URIs. */
	private final Map<String, List<String>> registeredClients = new ConcurrentHashMap<>();

	private final AtomicInteger counter = new AtomicInteger();

	public FakeMcpDeployment() throws IOException {
		this.as = new LoopbackServer();
		this.rs = new LoopbackServer();
		this.as.route("/.well-known/oauth-authorization-server", r -> Reply.json(200, asMetadata()));
		this.as.route("/authorize", this::authorize);
		this.as.route("/token", this::token);
		this.as.route("/register", this::register);
		this.rs.route("/.well-known/oauth-protected-resource/mcp", r -> Reply.json(200, "{\"resource\":\""
				+ (this.prmResourceOverride != null ? this.prmResourceOverride : resource())
				+ "\",\"authorization_servers\":[\"" + this.as.origin() + "\"],\"scopes_supported\":[\"mcp:connect\"]}"));
		this.rs.route("/mcp", this::mcp);
	}

	public String resource() {
		return this.rs.origin() + "/mcp";
	}

	public List<Map<String, String>> tokenRequests() {
		return this.as.requests().stream().filter(r -> r.path().equals("/token")).map(r -> query(r.body())).toList();
	}

	public List<JsonNode> registrationRequests() {
		return this.as.requests()
			.stream()
			.filter(r -> r.path().equals("/register"))
			.map(r -> this.json.readTree(r.body()))
			.toList();
	}

	public List<Map<String, String>> authorizationRequests() {
		return this.as.requests().stream().filter(r -> r.path().equals("/authorize")).map(r -> query(r.query())).toList();
	}

	private String asMetadata() {
		String o = this.as.origin();
		return "{\"issuer\":\"" + o + "\",\"authorization_endpoint\":\"" + o + "/authorize\",\"token_endpoint\":\"" + o
				+ "/token\",\"response_types_supported\":[\"code\"],\"token_endpoint_auth_methods_supported\":[\"none\"],"
				+ (this.cimdSupported ? "\"client_id_metadata_document_supported\":true"
						: this.registrationOffered ? "\"registration_endpoint\":\"" + o + "/register\""
								: "\"client_id_metadata_document_supported\":false")
				+ ",\"authorization_response_iss_parameter_supported\":true"
				+ (this.pkceAdvertised ? ",\"code_challenge_methods_supported\":[\"S256\"]" : "") + "}";
	}

	private Reply register(LoopbackServer.Request request) {
		if (this.cimdSupported || !request.method().equals("POST")) {
			return Reply.json(404, "{\"error\":\"not_found\"}");
		}
		JsonNode metadata = this.json.readTree(request.body());
		JsonNode redirectUris = metadata.get("redirect_uris");
		if (redirectUris == null || !redirectUris.isArray() || redirectUris.isEmpty()
				|| !"none".equals(metadata.path("token_endpoint_auth_method").asString())) {
			return Reply.json(400, "{\"error\":\"invalid_client_metadata\"}");
		}
		String clientId = "dcr-client-" + this.counter.incrementAndGet();
		this.registeredClients.put(clientId, redirectUris.values().stream().map(JsonNode::asString).toList());
		return Reply.json(201, "{\"client_id\":\"" + clientId + "\",\"token_endpoint_auth_method\":\"none\","
				+ "\"redirect_uris\":" + redirectUris + "}");
	}

	private Reply authorize(LoopbackServer.Request request) {
		Map<String, String> q = query(request.query());
		if (this.loginPage) {
			return new Reply(200, Map.of("Content-Type", "text/html"), "<form method=post>user: <input name=u></form>");
		}
		boolean knownClient = this.cimdSupported ? cimdDocumentNamesItself(q.get("client_id"))
				: this.registeredClients.getOrDefault(String.valueOf(q.get("client_id")), List.of())
					.contains(q.get("redirect_uri")); // RFC 7591: exactly a registered redirect URI
		if (!knownClient) {
			return Reply.json(400, "{\"error\":\"invalid_client\"}");
		}
		if (!"S256".equals(q.get("code_challenge_method")) || !resource().equals(q.get("resource"))) {
			return Reply.json(400, "{\"error\":\"invalid_request\"}");
		}
		if (this.authorizationError != null) { // OAuth 2.1 section 4.1.2.1; the description is the server's free text
			return Reply.redirect(q.get("redirect_uri") + "?error=" + urlEncode(this.authorizationError)
					+ "&error_description=" + urlEncode("The user said no.\r\nmcp-client: forged line\u001b[2J")
					+ "&state=" + q.get("state") + "&iss=" + urlEncode(this.as.origin()));
		}
		String code = "code-" + this.counter.incrementAndGet();
		this.codes.put(code, q);
		return Reply.redirect(q.get("redirect_uri") + "?code=" + code + "&state=" + q.get("state") + "&iss="
				+ urlEncode(this.as.origin()));
	}

	/** CIMD: fetch the client's document and check that it names itself. */
	private boolean cimdDocumentNamesItself(String clientId) {
		try {
			HttpResponse<String> document = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(clientId)).build(), HttpResponse.BodyHandlers.ofString());
			return document.statusCode() == 200
					&& this.json.readTree(document.body()).get("client_id").asString().equals(clientId);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			return false;
		}
	}

	private Reply token(LoopbackServer.Request request) {
		Map<String, String> form = query(request.body());
		if ("refresh_token".equals(form.get("grant_type"))) {
			String scope = this.refreshTokens.remove(form.getOrDefault("refresh_token", "")); // rotation
			if (scope == null || !resource().equals(form.get("resource")) || form.containsKey("scope")) {
				return Reply.json(400, "{\"error\":\"invalid_grant\"}");
			}
			return issue(scope);
		}
		if (this.tokenError != null) {
			return Reply.json(400, "{\"error\":\"" + this.tokenError + "\",\"error_description\":\"refused\"}");
		}
		Map<String, String> authorization = this.codes.remove(form.getOrDefault("code", ""));
		if (authorization == null || !challenge(form.get("code_verifier")).equals(authorization.get("code_challenge"))
				|| !resource().equals(form.get("resource")) || !authorization.get("client_id").equals(form.get("client_id"))) {
			return Reply.json(400, "{\"error\":\"invalid_grant\"}");
		}
		return issue(this.grantBaseScopeOnly ? "mcp:connect" : authorization.getOrDefault("scope", ""));
	}

	private Reply issue(String scope) {
		String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"aud\":\"" + resource()
				+ "\",\"scope\":\"" + scope + "\",\"n\":" + this.counter.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8));
		String token = "eyJhbGciOiJub25lIn0." + payload + ".sig";
		this.tokenScopes.put(token, Set.of(scope.split(" ")));
		String refreshToken = "refresh-" + this.counter.incrementAndGet();
		this.refreshTokens.put(refreshToken, scope);
		return Reply.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
				+ this.expiresIn + ",\"refresh_token\":\"" + refreshToken + "\",\"scope\":\"" + scope + "\"}");
	}

	private Reply mcp(LoopbackServer.Request request) {
		if (!request.method().equals("POST")) {
			return new Reply(405, Map.of(), "");
		}
		String prm = this.rs.origin() + "/.well-known/oauth-protected-resource/mcp";
		String authorization = request.headers().getFirst("Authorization");
		Set<String> scopes = authorization == null ? null : this.tokenScopes.get(authorization.replaceFirst("^Bearer ", ""));
		if (scopes == null) {
			return new Reply(401, Map.of("WWW-Authenticate",
					"Bearer resource_metadata=\"" + prm + "\", scope=\"mcp:connect\""), "");
		}
		JsonNode message = this.json.readTree(request.body());
		String method = message.get("method").asString();
		if (method.startsWith("notifications/")) {
			return new Reply(202, Map.of(), "");
		}
		String id = message.get("id").toString();
		return switch (method) {
			case "initialize" -> result(id, "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
					+ "\"serverInfo\":{\"name\":\"fake-weather\",\"version\":\"1\"}}");
			case "tools/list" -> result(id, "{\"tools\":[{\"name\":\"whoami\",\"inputSchema\":{\"type\":\"object\"}},"
					+ "{\"name\":\"get_weather\",\"inputSchema\":{\"type\":\"object\"}}]}");
			case "tools/call" -> call(id, message.get("params"), scopes, prm);
			default -> result(id, "{}");
		};
	}

	private Reply call(String id, JsonNode params, Set<String> scopes, String prm) {
		String tool = params.get("name").asString();
		if (tool.equals("get_weather") && this.plainForbidden) {
			return new Reply(403, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), "");
		}
		if (tool.equals("get_weather") && this.neverEnoughScope) {
			String next = "extra:" + this.counter.incrementAndGet(); // a new scope every time: never satisfiable
			return new Reply(403, Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + next
					+ "\", resource_metadata=\"" + prm + "\""), "");
		}
		if (tool.equals("get_weather") && !scopes.contains("weather:read")) {
			return new Reply(403, Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\", "
					+ "scope=\"mcp:connect weather:read\", resource_metadata=\"" + prm + "\", "
					+ "error_description=\"get_weather needs weather:read\""), "");
		}
		String text = tool.equals("whoami") ? "{\\\"sub\\\":\\\"demo-user\\\"}"
				: "Sunny in " + params.get("arguments").get("city").asString();
		return result(id, "{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],\"isError\":false}");
	}

	private static Reply result(String id, String result) {
		return Reply.json(200, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}");
	}

	private static String challenge(String verifier) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(String.valueOf(verifier).getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String urlEncode(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> result = new HashMap<>();
		if (raw != null && !raw.isEmpty()) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				result.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
						eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return result;
	}

	@Override
	public void close() {
		this.as.close();
		this.rs.close();
	}

}
