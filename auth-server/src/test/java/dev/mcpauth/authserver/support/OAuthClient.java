package dev.mcpauth.authserver.support;

import java.io.IOException;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal headless OAuth client over real HTTP: builds authorization requests with PKCE, reads the redirect
 * without following it, and calls the token endpoint.
 */
public final class OAuthClient {

	public static final String RESOURCE = "http://localhost:8001/mcp";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final String baseUrl;

	public OAuthClient(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	/** A fresh PKCE pair (RFC 7636 §4.1, §4.2). */
	public record Pkce(String verifier, String challenge) {

		public static Pkce generate() {
			byte[] bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			return new Pkce(verifier, s256(verifier));
		}

		public static String s256(String verifier) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
				return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** Parameters of a valid authorization request; tests change or remove entries. */
	public static Map<String, String> authorizationRequest(String clientId, String redirectUri, Pkce pkce) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("response_type", "code");
		params.put("client_id", clientId);
		params.put("redirect_uri", redirectUri);
		params.put("state", "state-" + System.nanoTime());
		params.put("code_challenge", pkce.challenge());
		params.put("code_challenge_method", "S256");
		params.put("resource", RESOURCE);
		return params;
	}

	public HttpResponse<String> get(String pathAndQuery, String accept) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + pathAndQuery))
			.header("Accept", accept)
			.GET()
			.build();
		return send(request);
	}

	public HttpResponse<String> authorize(Map<String, String> params) {
		return get("/oauth2/authorize?" + form(params), "text/html");
	}

	/** The query parameters of the {@code Location} a 302 points to. */
	public static Map<String, String> redirectParameters(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location").orElseThrow(
				() -> new AssertionError("no redirect: HTTP " + response.statusCode() + " " + response.body()));
		String query = URI.create(location).getRawQuery();
		Map<String, String> params = new LinkedHashMap<>();
		if (query != null) {
			for (String pair : query.split("&")) {
				String[] kv = pair.split("=", 2);
				params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
						(kv.length > 1) ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
			}
		}
		return params;
	}

	public static String redirectTarget(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location").orElseThrow();
		int query = location.indexOf('?');
		return (query < 0) ? location : location.substring(0, query);
	}

	public HttpResponse<String> token(Map<String, String> form) {
		return token(form, Map.of());
	}

	/** The token endpoint URL, as a DPoP proof's {@code htu} names it. */
	public String tokenEndpoint() {
		return this.baseUrl + "/oauth2/token";
	}

	/** A token request with extra headers ({@code Authorization}, {@code DPoP}). */
	public HttpResponse<String> token(Map<String, String> form, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)));
		headers.forEach(request::header);
		return send(request.build());
	}

	/** {@code Authorization: Basic} for RFC 6749 §2.3.1 client authentication. */
	public static Map<String, String> basic(String clientId, String secret) {
		String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(secret, StandardCharsets.UTF_8);
		return Map.of("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

	/** Authorizes (the demo user, automatic consent) and returns the token request that redeems the code. */
	public Map<String, String> authorizedRedemption(String clientId, String redirectUri, String scope) {
		Pkce pkce = Pkce.generate();
		Map<String, String> request = authorizationRequest(clientId, redirectUri, pkce);
		if (scope != null) {
			request.put("scope", scope);
		}
		HttpResponse<String> authorization = authorize(request);
		String code = redirectParameters(authorization).get("code");
		if (code == null) {
			throw new AssertionError("no code: " + authorization.headers().firstValue("Location").orElse("-"));
		}
		return codeRedemption(clientId, code, redirectUri, pkce);
	}

	public HttpResponse<String> postJson(String path, String json) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return send(request);
	}

	/** A client credentials token request for the test resource with {@code mcp:connect} (a new, mutable form). */
	public static Map<String, String> clientCredentialsRequest() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("resource", RESOURCE);
		form.put("scope", "mcp:connect");
		return form;
	}

	/** The token request that redeems {@code code} for a public client. */
	public static Map<String, String> codeRedemption(String clientId, String code, String redirectUri, Pkce pkce) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("client_id", clientId);
		form.put("redirect_uri", redirectUri);
		form.put("code_verifier", pkce.verifier());
		form.put("resource", RESOURCE);
		return form;
	}

	/** Authorizes and redeems the code; returns the token response. */
	public HttpResponse<String> obtainToken(String clientId, String redirectUri, String scope) {
		Pkce pkce = Pkce.generate();
		Map<String, String> request = authorizationRequest(clientId, redirectUri, pkce);
		if (scope != null) {
			request.put("scope", scope);
		}
		HttpResponse<String> authorization = authorize(request);
		String code = redirectParameters(authorization).get("code");
		if (code == null) {
			throw new AssertionError("no code: " + authorization.headers().firstValue("Location").orElse("-"));
		}
		return token(codeRedemption(clientId, code, redirectUri, pkce));
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private static String form(Map<String, String> params) {
		return FormBrowser.form(params);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
