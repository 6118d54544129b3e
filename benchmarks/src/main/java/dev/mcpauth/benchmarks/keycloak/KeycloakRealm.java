package dev.mcpauth.benchmarks.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.mcpauth.benchmarks.http.HttpConnection;
import dev.mcpauth.benchmarks.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The realm the comparison runs against, created through Keycloak's admin REST API: a confidential client for the
 * client credentials grant ({@code client_secret_basic}), a public client for authorization code + PKCE (S256
 * required) with a loopback redirect URI, one user, the {@code mcp:connect} scope as a default scope of both
 * clients, and refresh token rotation ({@code revokeRefreshToken=true}, {@code refreshTokenMaxReuse=0}: a refresh
 * token is spent by its first use, as the auth-server's are). The {@code resource} of RFC 8707 is Keycloak's way:
 * a client ({@code resourceClientId}) whose attribute {@code resource_url} is the resource URI, put into the
 * tokens' {@code aud} by an audience mapper on the scope; with the {@code resource-indicators} feature Keycloak
 * then accepts {@code resource} on the authorization and token requests (else {@code invalid_target}).
 *
 * @param name the realm
 * @param serviceClientId the confidential client
 * @param serviceClientSecret its secret
 * @param publicClientId the public client
 * @param redirectUri its one redirect URI
 * @param username the user
 * @param password the user's password
 * @param scope the scope both clients get by default and request
 * @param resource the protected resource's URI
 * @param resourceClientId the client standing for the resource
 */
public record KeycloakRealm(String name, String serviceClientId, String serviceClientSecret, String publicClientId,
		String redirectUri, String username, String password, String scope, String resource,
		String resourceClientId) {

	private static final JsonMapper JSON = JsonMapper.shared();

	/** The realm's path prefix, e.g. {@code /realms/mcp-bench}. */
	public String path() {
		return "/realms/" + this.name;
	}

	/** The realm representation POSTed to {@code /admin/realms}. */
	public ObjectNode representation() {
		ObjectNode realm = JSON.createObjectNode();
		realm.put("realm", this.name);
		realm.put("enabled", true);
		realm.put("sslRequired", "none");
		// refresh token rotation: each refresh token is valid for exactly one use
		realm.put("revokeRefreshToken", true);
		realm.put("refreshTokenMaxReuse", 0);
		realm.put("accessTokenLifespan", 300);
		// no brute-force lock-out, no events: the default of a new realm, said explicitly
		realm.put("bruteForceProtected", false);
		realm.put("eventsEnabled", false);
		ArrayNode clients = realm.putArray("clients");
		ObjectNode service = clients.addObject();
		service.put("clientId", this.serviceClientId);
		service.put("enabled", true);
		service.put("publicClient", false);
		service.put("clientAuthenticatorType", "client-secret");
		service.put("secret", this.serviceClientSecret);
		service.put("serviceAccountsEnabled", true);
		service.put("standardFlowEnabled", false);
		service.put("directAccessGrantsEnabled", false);
		service.put("implicitFlowEnabled", false);
		ObjectNode app = clients.addObject();
		app.put("clientId", this.publicClientId);
		app.put("enabled", true);
		app.put("publicClient", true);
		app.put("standardFlowEnabled", true);
		app.put("directAccessGrantsEnabled", false);
		app.put("implicitFlowEnabled", false);
		app.put("consentRequired", false);
		app.putArray("redirectUris").add(this.redirectUri);
		app.putObject("attributes").put("pkce.code.challenge.method", "S256");
		ObjectNode resourceClient = clients.addObject();
		resourceClient.put("clientId", this.resourceClientId);
		resourceClient.put("enabled", true);
		resourceClient.put("publicClient", false);
		resourceClient.put("standardFlowEnabled", false);
		resourceClient.put("directAccessGrantsEnabled", false);
		resourceClient.put("serviceAccountsEnabled", false);
		resourceClient.putObject("attributes").put("resource_url", this.resource);
		ArrayNode users = realm.putArray("users");
		ObjectNode user = users.addObject();
		user.put("username", this.username);
		user.put("enabled", true);
		user.put("email", this.username + "@example.org");
		user.put("emailVerified", true);
		user.put("firstName", "Bench");
		user.put("lastName", "User");
		ObjectNode credential = user.putArray("credentials").addObject();
		credential.put("type", "password");
		credential.put("value", this.password);
		credential.put("temporary", false);
		return realm;
	}

	/** The client scope whose name is the requested scope, included in the access token's {@code scope}. */
	ObjectNode clientScope() {
		ObjectNode scope = JSON.createObjectNode();
		scope.put("name", this.scope);
		scope.put("protocol", "openid-connect");
		ObjectNode attributes = scope.putObject("attributes");
		attributes.put("include.in.token.scope", "true");
		attributes.put("display.on.consent.screen", "false");
		ObjectNode audience = scope.putArray("protocolMappers").addObject();
		audience.put("name", "audience " + this.resourceClientId);
		audience.put("protocol", "openid-connect");
		audience.put("protocolMapper", "oidc-audience-mapper");
		ObjectNode config = audience.putObject("config");
		config.put("included.client.audience", this.resourceClientId);
		config.put("access.token.claim", "true");
		config.put("id.token.claim", "false");
		config.put("introspection.token.claim", "true");
		return scope;
	}

	/**
	 * Creates the realm, the scope and the clients' default scope on the server behind {@code connection}, signed
	 * in as the bootstrap admin through {@code admin-cli}.
	 * @throws IOException when a call does not answer as the admin API documents
	 */
	public void create(HttpConnection connection, String adminUser, String adminPassword) throws IOException {
		Map<String, String> login = new LinkedHashMap<>();
		login.put("grant_type", "password");
		login.put("client_id", "admin-cli");
		login.put("username", adminUser);
		login.put("password", adminPassword);
		HttpResponse token = connection.post("/realms/master/protocol/openid-connect/token",
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
				form(login).getBytes(StandardCharsets.US_ASCII));
		expect(token, 200, "admin sign-in");
		String bearer = "Bearer " + JSON.readTree(token.text()).get("access_token").stringValue();
		Map<String, String> json = Map.of("Authorization", bearer, "Content-Type", "application/json", "Accept",
				"application/json");
		expect(connection.post("/admin/realms", json, bytes(representation())), 201, "realm creation");
		HttpResponse scope = connection.post("/admin/realms/" + this.name + "/client-scopes", json,
				bytes(clientScope()));
		expect(scope, 201, "client scope creation");
		String scopeId = lastSegment(scope.header("location"));
		for (String clientId : List.of(this.serviceClientId, this.publicClientId)) {
			HttpResponse found = connection.get("/admin/realms/" + this.name + "/clients?clientId="
					+ URLEncoder.encode(clientId, StandardCharsets.UTF_8), json);
			expect(found, 200, "client lookup");
			JsonNode clients = JSON.readTree(found.text());
			if (clients.size() != 1) {
				throw new IOException("admin API: client " + clientId + " not found once");
			}
			String id = clients.get(0).get("id").stringValue();
			expect(connection.send("PUT", "/admin/realms/" + this.name + "/clients/" + id + "/default-client-scopes/"
					+ scopeId, Map.of("Authorization", bearer), new byte[0]), 204, "default client scope");
		}
	}

	private static void expect(HttpResponse response, int status, String step) throws IOException {
		if (response.status() != status) {
			String body = response.text();
			throw new IOException("Keycloak admin API, " + step + ": " + response.status() + " "
					+ body.substring(0, Math.min(200, body.length())));
		}
	}

	static String lastSegment(String location) throws IOException {
		if (location == null) {
			throw new IOException("Keycloak admin API: no Location for the created client scope");
		}
		String path = URI.create(location).getPath();
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static byte[] bytes(JsonNode node) {
		return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
	}

	private static String form(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	@Override
	public String toString() {
		return "KeycloakRealm[" + this.name + "]";
	}

}
