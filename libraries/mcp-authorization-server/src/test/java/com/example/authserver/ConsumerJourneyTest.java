package com.example.authserver;

import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer application passes the MCP authorization journey over real HTTP: RFC 8414 metadata with CIMD
 * support (AS-11, AS-34), a Client ID Metadata Document client whose document this test serves on loopback
 * (AS-17), form login with CSRF, consent, code with PKCE S256 and {@code resource} (AS-03, AS-29), RFC 9207
 * {@code iss} (AS-34), a token whose {@code aud} is the resource, refresh rotation (AS-09), and
 * {@code invalid_target} for a resource the server does not protect.
 */
@SpringBootTest(classes = ConsumerAuthorizationServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=alice", "spring.security.user.password=wonderland",
				"mcp.authorization-server.issuer=" + ConsumerJourneyTest.ISSUER,
				"mcp.authorization-server.resources=" + ConsumerJourneyTest.RESOURCE,
				"mcp.authorization-server.scopes=mcp:connect,notes:read",
				// the client's document is served by this test on loopback over http: development only
				"mcp.authorization-server.cimd.allow-http-and-loopback=true",
				"spring.sql.init.schema-locations="
						+ "classpath:dev/mcpauth/oauth2/server/authorization/store/oauth2-registered-client-schema.sql,"
						+ "classpath:dev/mcpauth/oauth2/server/authorization/store/oauth2-authorization-schema.sql,"
						+ "classpath:org/springframework/security/oauth2/server/authorization/oauth2-authorization-consent-schema.sql" })
class ConsumerJourneyTest {

	static final String ISSUER = "http://auth.example.test";

	static final String RESOURCE = "https://mcp.example.test/mcp";

	private static final String CALLBACK = "http://127.0.0.1:50123/callback";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern STATE = Pattern.compile("name=\"state\"[^>]*value=\"([^\"]+)\"");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpServer documentHost = startDocumentHost();

	@LocalServerPort
	private int port;

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@AfterAll
	static void stopDocumentHost() {
		documentHost.stop(0);
	}

	@Test
	void metadataAdvertisesClientIdMetadataDocumentsAndIss() throws Exception {
		JsonNode metadata = json.readTree(get("/.well-known/oauth-authorization-server", "application/json").body());

		assertThat(metadata.get("issuer").asString()).isEqualTo(ISSUER);
		assertThat(metadata.get("client_id_metadata_document_supported").asBoolean()).isTrue();
		assertThat(metadata.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
		assertThat(metadata.get("code_challenge_methods_supported").toString()).contains("S256");
		assertThat(metadata.get("scopes_supported").toString()).contains("mcp:connect", "notes:read");
		// library defaults: client credentials off, DPoP on (RFC 9449 §5.1)
		assertThat(metadata.get("grant_types_supported").toString()).contains("authorization_code", "refresh_token")
			.doesNotContain("client_credentials");
		assertThat(metadata.get("dpop_signing_alg_values_supported").toString()).contains("ES256", "RS256")
			.doesNotContain("ES256K");
	}

	@Test
	void cimdClientLogsInConsentsAndGetsAResourceBoundTokenThatRefreshesWithRotation() throws Exception {
		String clientId = clientId();
		String verifier = randomToken();
		Map<String, String> request = authorizationRequest(clientId, verifier, RESOURCE);
		String authorize = "/oauth2/authorize?" + form(request);

		HttpResponse<String> toLogin = get(authorize, "text/html");
		assertThat(toLogin.statusCode()).isEqualTo(302);
		assertThat(toLogin.headers().firstValue("Location").orElse("")).endsWith("/login");

		String loginPage = get("/login", "text/html").body();
		HttpResponse<String> loggedIn = post("/login",
				Map.of("username", "alice", "password", "wonderland", "_csrf", find(CSRF, loginPage)));
		assertThat(loggedIn.statusCode()).isEqualTo(302);

		// CIMD clients require consent: Spring's consent page names the client and the scope
		HttpResponse<String> consentPage = get(authorize, "text/html");
		assertThat(consentPage.statusCode()).isEqualTo(200);
		assertThat(consentPage.body()).contains("mcp:connect");
		HttpResponse<String> authorized = post("/oauth2/authorize", Map.of("client_id", clientId, "state",
				find(STATE, consentPage.body()), "scope", "mcp:connect"));
		assertThat(authorized.statusCode()).isEqualTo(302);
		String location = authorized.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(CALLBACK);
		Map<String, String> callback = query(URI.create(location));
		assertThat(callback).containsKey("code").containsEntry("state", request.get("state")).containsEntry("iss", ISSUER);

		HttpResponse<String> tokenResponse = post("/oauth2/token",
				Map.of("grant_type", "authorization_code", "code", callback.get("code"), "redirect_uri", CALLBACK,
						"client_id", clientId, "code_verifier", verifier, "resource", RESOURCE));
		assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
		JsonNode token = json.readTree(tokenResponse.body());
		JsonNode claims = jwtClaims(token.get("access_token").asString());
		assertThat(claims.get("aud").toString()).contains(RESOURCE);
		assertThat(claims.get("iss").asString()).isEqualTo(ISSUER);
		assertThat(claims.get("client_id").asString()).isEqualTo(clientId);
		String refreshToken = token.get("refresh_token").asString();

		HttpResponse<String> refreshed = post("/oauth2/token", Map.of("grant_type", "refresh_token",
				"refresh_token", refreshToken, "client_id", clientId, "resource", RESOURCE));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		String rotated = json.readTree(refreshed.body()).get("refresh_token").asString();
		assertThat(rotated).isNotBlank().isNotEqualTo(refreshToken);

		HttpResponse<String> replayed = post("/oauth2/token", Map.of("grant_type", "refresh_token",
				"refresh_token", refreshToken, "client_id", clientId));
		assertThat(replayed.statusCode()).isEqualTo(400);
		assertThat(json.readTree(replayed.body()).get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void unknownResourceIsInvalidTarget() throws Exception {
		String clientId = clientId();
		HttpResponse<String> loginPage = get("/login", "text/html");
		post("/login", Map.of("username", "alice", "password", "wonderland", "_csrf", find(CSRF, loginPage.body())));

		HttpResponse<String> response = get(
				"/oauth2/authorize?" + form(authorizationRequest(clientId, randomToken(), "https://other.example.test/mcp")),
				"text/html");

		assertThat(response.statusCode()).isEqualTo(302);
		Map<String, String> callback = query(URI.create(response.headers().firstValue("Location").orElseThrow()));
		assertThat(callback).containsEntry("error", "invalid_target").containsEntry("iss", ISSUER)
			.doesNotContainKey("code");
	}

	private static String clientId() {
		return "http://127.0.0.1:" + documentHost.getAddress().getPort() + "/client.json";
	}

	private static HttpServer startDocumentHost() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/client.json", (exchange) -> {
				String clientId = "http://127.0.0.1:" + server.getAddress().getPort() + "/client.json";
				byte[] body = """
						{"client_id":"%s","client_name":"Consumer test client",
						 "redirect_uris":["http://127.0.0.1/callback"],"grant_types":["authorization_code","refresh_token"],
						 "response_types":["code"],"token_endpoint_auth_method":"none"}
						""".formatted(clientId).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> authorizationRequest(String clientId, String verifier, String resource)
			throws Exception {
		Map<String, String> request = new LinkedHashMap<>();
		request.put("response_type", "code");
		request.put("client_id", clientId);
		request.put("redirect_uri", CALLBACK);
		request.put("scope", "mcp:connect");
		request.put("state", randomToken());
		request.put("code_challenge", Base64.getUrlEncoder().withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII))));
		request.put("code_challenge_method", "S256");
		request.put("resource", resource);
		return request;
	}

	private static JsonNode jwtClaims(String jwt) {
		String[] parts = jwt.split("\\.");
		assertThat(parts).hasSize(3);
		return json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
	}

	private static String randomToken() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private HttpResponse<String> get(String pathAndQuery, String accept) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).header("Accept", accept).GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String url(String pathAndQuery) {
		return "http://127.0.0.1:" + this.port + pathAndQuery;
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			int eq = pair.indexOf('=');
			parameters.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static String find(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as("pattern %s in page", pattern).isTrue();
		return matcher.group(1);
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
