package dev.mcpauth.demo;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization code grant with PKCE and a resource indicator, in raw HTTP against a real authorization server
 * running its demo profile (which signs the demo user in and approves consent without a browser). Redirects are
 * followed by hand, cookies kept, until the one to the client's redirect URI, whose {@code code} is redeemed.
 */
public final class AuthorizationCodeFlow {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** Runs the grant and returns the token endpoint's JSON answer. */
	JsonNode obtainToken(String issuer, ClientMetadataDocumentHost client, String resource, String scope)
			throws IOException, InterruptedException {
		JsonNode metadata = getJson(ServiceCommands.authorizationServerMetadata(issuer));
		String verifier = randomUrlSafe(32);
		String state = randomUrlSafe(16);
		Map<String, String> authorization = new LinkedHashMap<>();
		authorization.put("response_type", "code");
		authorization.put("client_id", client.clientId());
		authorization.put("redirect_uri", client.redirectUri());
		authorization.put("scope", scope);
		authorization.put("state", state);
		authorization.put("code_challenge", s256(verifier));
		authorization.put("code_challenge_method", "S256");
		authorization.put("resource", resource);

		URI location = URI.create(metadata.get("authorization_endpoint").stringValue() + "?" + form(authorization));
		for (int hop = 0; !location.toString().startsWith(client.redirectUri()); hop++) {
			assertThat(hop).as("redirects before reaching the client's redirect URI").isLessThan(10);
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(location).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("authorization step %s answered %s", location, response.body())
				.isBetween(300, 399);
			location = location.resolve(response.headers().firstValue("Location").orElseThrow());
		}
		Map<String, String> callback = parseQuery(location.getRawQuery());
		assertThat(callback).as("callback %s", location).containsEntry("state", state).containsKey("code");

		Map<String, String> tokenRequest = new LinkedHashMap<>();
		tokenRequest.put("grant_type", "authorization_code");
		tokenRequest.put("code", callback.get("code"));
		tokenRequest.put("redirect_uri", client.redirectUri());
		tokenRequest.put("client_id", client.clientId());
		tokenRequest.put("code_verifier", verifier);
		tokenRequest.put("resource", resource);
		HttpResponse<String> token = this.http.send(
				HttpRequest.newBuilder(URI.create(metadata.get("token_endpoint").stringValue()))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form(tokenRequest)))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(token.statusCode()).as("token response %s", token.body()).isEqualTo(200);
		return JSON.readTree(token.body());
	}

	/** The claims of a JWT, read without verification (the resource server is the one that verifies). */
	static JsonNode claims(String jwt) {
		String payload = jwt.split("\\.")[1];
		return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
	}

	private JsonNode getJson(URI uri) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static String form(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** The decoded parameters of a raw query string (none for {@code null}). */
	public static Map<String, String> parseQuery(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : (query == null ? "" : query).split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return parameters;
	}

	/** RFC 7636 section 4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
	public static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code bytes} random bytes, base64url without padding: PKCE verifiers and {@code state} values. */
	public static String randomUrlSafe(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
