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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

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

	/**
	 * DPoP (RFC 9449): the AS advertises ES256 in {@code dpop_signing_alg_values_supported} and binds tokens to a valid
	 * proof's key ({@code token_type: DPoP}, {@code cnf.jkt}); the MCP server then wants the DPoP scheme and a proof
	 * (signature, {@code htm}, {@code htu}, {@code ath}, {@code jkt}, fresh {@code jti}) on every request.
	 */
	public volatile boolean dpop;

	/** The token endpoint answers 400 use_dpop_nonce until a proof carries {@link #AS_NONCE}. */
	public volatile boolean asNonceRequired;

	/** The MCP server answers 401 use_dpop_nonce until a proof carries {@link #RS_NONCE}. */
	public volatile boolean rsNonceRequired;

	/** The nonce is never good enough: every proof gets use_dpop_nonce (to prove the client does not loop). */
	public volatile boolean asNonceNeverAccepted;

	public volatile boolean rsNonceNeverAccepted;

	/** DPoP announced, proofs checked, but tokens issued unbound ({@code token_type: Bearer}), as RFC 9449 allows. */
	public volatile boolean dpopButBearerTokens;

	public static final String AS_NONCE = "as-nonce-7";

	public static final String RS_NONCE = "rs-nonce-9";

	/** The client_credentials grant for {@link #CC_CLIENT_ID}: with {@link #CC_SECRET} (Basic) or a signed assertion. */
	public static final String CC_CLIENT_ID = "cc-client";

	public static final String CC_SECRET = "cc-secret";

	/** The public key the AS verifies {@code private_key_jwt} assertions of {@link #CC_CLIENT_ID} with. */
	public volatile JWK clientPublicKey;

	/** Every DPoP proof received, token endpoint and MCP server alike, in order. */
	public final List<SignedJWT> proofs = new CopyOnWriteArrayList<>();

	/** Why the fake refused a proof or an assertion (empty when the client did everything right). */
	public final List<String> problems = new CopyOnWriteArrayList<>();

	/** The verified claims of every client assertion received. */
	public final List<JWTClaimsSet> assertions = new CopyOnWriteArrayList<>();

	private final Set<String> seenJtis = ConcurrentHashMap.newKeySet();

	private final Map<String, String> tokenJkt = new ConcurrentHashMap<>();

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
				+ "/token\",\"response_types_supported\":[\"code\"],\"token_endpoint_auth_methods_supported\":[\"none\","
				+ "\"client_secret_basic\",\"private_key_jwt\"],"
				+ (this.cimdSupported ? "\"client_id_metadata_document_supported\":true"
						: this.registrationOffered ? "\"registration_endpoint\":\"" + o + "/register\""
								: "\"client_id_metadata_document_supported\":false")
				+ ",\"authorization_response_iss_parameter_supported\":true"
				+ ",\"grant_types_supported\":[\"authorization_code\",\"refresh_token\",\"client_credentials\"]"
				+ (this.dpop ? ",\"dpop_signing_alg_values_supported\":[\"ES256\",\"RS256\"]" : "")
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
		String jkt = null;
		String proof = request.headers().getFirst("DPoP");
		if (this.dpop && proof != null) {
			Proof checked = checkProof(proof, "POST", this.as.origin() + "/token", null);
			if (checked.problem() != null) {
				this.problems.add("token endpoint: " + checked.problem());
				return Reply.json(400, "{\"error\":\"invalid_dpop_proof\"}");
			}
			if (this.asNonceNeverAccepted || (this.asNonceRequired && !AS_NONCE.equals(checked.nonce()))) {
				return new Reply(400, Map.of("Content-Type", "application/json", "DPoP-Nonce", AS_NONCE),
						"{\"error\":\"use_dpop_nonce\",\"error_description\":\"a nonce is required\"}");
			}
			jkt = this.dpopButBearerTokens ? null : checked.jkt();
		}
		if ("client_credentials".equals(form.get("grant_type"))) {
			return clientCredentials(request, form, jkt);
		}
		if ("refresh_token".equals(form.get("grant_type"))) {
			String scope = this.refreshTokens.remove(form.getOrDefault("refresh_token", "")); // rotation
			if (scope == null || !resource().equals(form.get("resource")) || form.containsKey("scope")) {
				return Reply.json(400, "{\"error\":\"invalid_grant\"}");
			}
			return issue(scope, jkt, true);
		}
		if (this.tokenError != null) {
			return Reply.json(400, "{\"error\":\"" + this.tokenError + "\",\"error_description\":\"refused\"}");
		}
		Map<String, String> authorization = this.codes.remove(form.getOrDefault("code", ""));
		if (authorization == null || !challenge(form.get("code_verifier")).equals(authorization.get("code_challenge"))
				|| !resource().equals(form.get("resource")) || !authorization.get("client_id").equals(form.get("client_id"))) {
			return Reply.json(400, "{\"error\":\"invalid_grant\"}");
		}
		return issue(this.grantBaseScopeOnly ? "mcp:connect" : authorization.getOrDefault("scope", ""), jkt, true);
	}

	/** OAuth 2.1 section 4.2 for {@link #CC_CLIENT_ID}: Basic with the secret, or a private_key_jwt assertion. */
	private Reply clientCredentials(LoopbackServer.Request request, Map<String, String> form, String jkt) {
		String basic = request.headers().getFirst("Authorization");
		boolean authenticated;
		if (basic != null && basic.startsWith("Basic ")) {
			String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
			authenticated = pair.equals(CC_CLIENT_ID + ":" + CC_SECRET);
		}
		else {
			authenticated = assertionValid(form);
		}
		if (!authenticated) {
			return Reply.json(401, "{\"error\":\"invalid_client\"}");
		}
		if (!resource().equals(form.get("resource")) || form.containsKey("code") || form.containsKey("redirect_uri")) {
			return Reply.json(400, "{\"error\":\"invalid_target\"}");
		}
		return issue(form.getOrDefault("scope", ""), jkt, false);
	}

	private boolean assertionValid(Map<String, String> form) {
		try {
			if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))
					|| this.clientPublicKey == null) {
				this.problems.add("assertion: wrong client_assertion_type or no key configured");
				return false;
			}
			SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
			JWSVerifier verifier = this.clientPublicKey.getKeyType().getValue().equals("EC")
					? new ECDSAVerifier(this.clientPublicKey.toECKey()) : new RSASSAVerifier(this.clientPublicKey.toRSAKey());
			if (!assertion.verify(verifier)) {
				this.problems.add("assertion: signature does not verify");
				return false;
			}
			JWTClaimsSet claims = assertion.getJWTClaimsSet();
			this.assertions.add(claims);
			boolean ok = CC_CLIENT_ID.equals(claims.getIssuer()) && CC_CLIENT_ID.equals(claims.getSubject())
					&& claims.getAudience().contains(this.as.origin()) && claims.getExpirationTime() != null
					&& claims.getExpirationTime().getTime() > System.currentTimeMillis() && claims.getJWTID() != null
					&& this.seenJtis.add("assertion:" + claims.getJWTID());
			if (!ok) {
				this.problems.add("assertion: claims " + claims.toJSONObject().keySet() + " not as RFC 7523 asks");
			}
			return ok;
		}
		catch (Exception ex) {
			this.problems.add("assertion: " + ex.getMessage());
			return false;
		}
	}

	/** What a proof said, or why it is refused. */
	private record Proof(String problem, String jkt, String nonce) {
	}

	/** RFC 9449 section 4.3, checked with an independent JOSE implementation. */
	private Proof checkProof(String value, String method, String uri, String accessToken) {
		try {
			SignedJWT proof = SignedJWT.parse(value);
			this.proofs.add(proof);
			JWK jwk = proof.getHeader().getJWK();
			if (proof.getHeader().getType() == null || !"dpop+jwt".equals(proof.getHeader().getType().toString())) {
				return new Proof("typ is not dpop+jwt", null, null);
			}
			if (jwk == null || jwk.isPrivate() || !proof.verify(new ECDSAVerifier(jwk.toECKey()))) {
				return new Proof("no public jwk or the signature does not verify", null, null);
			}
			JWTClaimsSet claims = proof.getJWTClaimsSet();
			if (!method.equals(claims.getStringClaim("htm")) || !uri.equals(claims.getStringClaim("htu"))) {
				return new Proof("htm/htu " + claims.getStringClaim("htm") + " " + claims.getStringClaim("htu"), null, null);
			}
			if (claims.getIssueTime() == null
					|| Math.abs(claims.getIssueTime().getTime() - System.currentTimeMillis()) > 60_000) {
				return new Proof("iat missing or off", null, null);
			}
			if (claims.getJWTID() == null || !this.seenJtis.add(claims.getJWTID())) {
				return new Proof("jti missing or replayed", null, null);
			}
			if (accessToken != null && !sha256(accessToken).equals(claims.getStringClaim("ath"))) {
				return new Proof("ath does not match the token", null, null);
			}
			return new Proof(null, jwk.computeThumbprint().toString(), claims.getStringClaim("nonce"));
		}
		catch (Exception ex) {
			return new Proof("unreadable proof: " + ex.getMessage(), null, null);
		}
	}

	private Reply issue(String scope, String jkt, boolean withRefreshToken) {
		String cnf = jkt == null ? "" : ",\"cnf\":{\"jkt\":\"" + jkt + "\"}";
		String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"aud\":\"" + resource()
				+ "\",\"scope\":\"" + scope + "\",\"n\":" + this.counter.incrementAndGet() + cnf + "}").getBytes(StandardCharsets.UTF_8));
		String token = "eyJhbGciOiJub25lIn0." + payload + ".sig";
		this.tokenScopes.put(token, Set.of(scope.split(" ")));
		if (jkt != null) {
			this.tokenJkt.put(token, jkt);
		}
		String refresh = "";
		if (withRefreshToken) {
			String refreshToken = "refresh-" + this.counter.incrementAndGet();
			this.refreshTokens.put(refreshToken, scope);
			refresh = ",\"refresh_token\":\"" + refreshToken + "\"";
		}
		Map<String, String> headers = this.asNonceRequired ? Map.of("Content-Type", "application/json", "DPoP-Nonce", AS_NONCE)
				: Map.of("Content-Type", "application/json");
		return new Reply(200, headers, "{\"access_token\":\"" + token + "\",\"token_type\":\""
				+ (jkt != null ? "DPoP" : "Bearer") + "\",\"expires_in\":" + this.expiresIn + refresh + ",\"scope\":\""
				+ scope + "\"}");
	}

	private Reply mcp(LoopbackServer.Request request) {
		if (!request.method().equals("POST")) {
			return new Reply(405, Map.of(), "");
		}
		String prm = this.rs.origin() + "/.well-known/oauth-protected-resource/mcp";
		String authorization = request.headers().getFirst("Authorization");
		String token = authorization == null ? null : authorization.replaceFirst("^(Bearer|DPoP) ", "");
		Set<String> scopes = token == null ? null : this.tokenScopes.get(token);
		if (scopes == null) {
			return new Reply(401, Map.of("WWW-Authenticate", "Bearer resource_metadata=\"" + prm + "\", scope=\"mcp:connect\""
					+ (this.dpop ? ", DPoP algs=\"ES256\", resource_metadata=\"" + prm + "\"" : "")), "");
		}
		String jkt = this.tokenJkt.get(token);
		if (jkt != null) { // RFC 9449 section 7: a bound token needs the DPoP scheme and a proof with that key
			String proof = request.headers().getFirst("DPoP");
			Proof checked = proof == null ? new Proof("no DPoP proof", null, null)
					: checkProof(proof, request.method(), this.rs.origin() + "/mcp", token);
			if (!authorization.startsWith("DPoP ") || checked.problem() != null || !jkt.equals(checked.jkt())) {
				this.problems.add("MCP server: " + (authorization.startsWith("DPoP ") ? checked.problem() : "Bearer scheme for a bound token"));
				return new Reply(401, Map.of("WWW-Authenticate", "DPoP algs=\"ES256\", error=\"invalid_dpop_proof\""), "");
			}
			if (this.rsNonceNeverAccepted || (this.rsNonceRequired && !RS_NONCE.equals(checked.nonce()))) {
				return new Reply(401, Map.of("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"nonce\"",
						"DPoP-Nonce", RS_NONCE), "");
			}
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
			case "tools/call" -> call(id, message.get("params"), scopes, prm, jkt != null ? "DPoP" : "Bearer");
			default -> result(id, "{}");
		};
	}

	private Reply call(String id, JsonNode params, Set<String> scopes, String prm, String scheme) {
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
			return new Reply(403, Map.of("WWW-Authenticate", scheme + " error=\"insufficient_scope\", "
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

	private static String sha256(String value) {
		return challenge(value);
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
