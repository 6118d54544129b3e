package dev.mcpauth.benchmarks.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.mcpauth.benchmarks.http.HttpConnection;
import dev.mcpauth.benchmarks.http.HttpResponse;

/**
 * The authorization code grant with PKCE and an RFC 8707 resource indicator, as a headless public client runs it
 * against the authorization server's demo profile: {@code GET /oauth2/authorize} answers 302 to the redirect URI
 * with the code (the demo user is signed in and consent is implied), and {@code POST /oauth2/token} redeems it.
 * Also the refresh token grant (OAuth 2.1 section 4.3) with rotation. Failures name the step and the OAuth error
 * code, never a code, token or verifier.
 *
 * @param authorizationPath the path of the {@code authorization_endpoint} from the server's metadata
 * @param tokenPath the path of the {@code token_endpoint}
 * @param clientId the CIMD URL of the client
 * @param redirectUri its registered redirect URI
 * @param resource the protected resource the token is for ({@code aud})
 * @param scope the requested scope
 */
public record AuthorizationCodeFlow(String authorizationPath, String tokenPath, String clientId, String redirectUri,
		String resource, String scope) {

	private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded",
			"Accept", "application/json");

	/** Step 1: the authorization request; returns the code from the 302 to the redirect URI. */
	public String authorize(HttpConnection as, Pkce pkce) throws IOException {
		return authorize(as, pkce, Map.of());
	}

	/**
	 * Step 1 with extra request headers, e.g. the {@code Cookie} of a signed-in user's session at a server that
	 * keeps one ({@link BrowserSession}).
	 */
	public String authorize(HttpConnection as, Pkce pkce, Map<String, String> headers) throws IOException {
		String state = Pkce.randomUrlSafe(12);
		Map<String, String> requestHeaders = new LinkedHashMap<>(headers);
		requestHeaders.put("Accept", "text/html");
		HttpResponse response = as.get(authorizationRequest(pkce, state), requestHeaders);
		String location = response.header("location");
		if (response.status() != 302 || location == null) {
			throw new FlowException("authorization request answered " + response.status());
		}
		return codeFrom(location, state);
	}

	/** Step 2: the token request redeeming the code with the PKCE verifier and the same resource. */
	public TokenResponse redeem(HttpConnection as, String code, Pkce pkce) throws IOException {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("grant_type", "authorization_code");
		body.put("code", code);
		body.put("redirect_uri", this.redirectUri);
		body.put("client_id", this.clientId);
		body.put("code_verifier", pkce.verifier());
		body.put("resource", this.resource);
		return token(as, "token request", body);
	}

	/** Both steps: one complete authorization. */
	public TokenResponse obtainToken(HttpConnection as) throws IOException {
		return obtainToken(as, Map.of());
	}

	/** Both steps, the authorization request with extra headers (a session cookie). */
	public TokenResponse obtainToken(HttpConnection as, Map<String, String> headers) throws IOException {
		Pkce pkce = Pkce.generate();
		return redeem(as, authorize(as, pkce, headers), pkce);
	}

	/** The authorization request's URL (path and query) for {@code pkce} and {@code state}. */
	public String authorizationRequest(Pkce pkce, String state) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", this.clientId);
		query.put("redirect_uri", this.redirectUri);
		query.put("scope", this.scope);
		query.put("state", state);
		query.put("code_challenge", pkce.challenge());
		query.put("code_challenge_method", "S256");
		query.put("resource", this.resource);
		return this.authorizationPath + "?" + form(query);
	}

	/** The refresh token grant of a public client ({@code client_id}, no secret); the answer holds the next one. */
	public TokenResponse refresh(HttpConnection as, String refreshToken) throws IOException {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("grant_type", "refresh_token");
		body.put("refresh_token", refreshToken);
		body.put("client_id", this.clientId);
		body.put("resource", this.resource);
		return token(as, "refresh request", body);
	}

	/**
	 * The client credentials grant (RFC 6749 section 4.4) of a confidential client authenticating with
	 * {@code client_secret_basic}, for this flow's resource and scope.
	 */
	public static TokenResponse clientCredentials(HttpConnection as, String tokenPath, String clientId,
			String clientSecret, String resource, String scope) throws IOException {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("grant_type", "client_credentials");
		if (scope != null) {
			body.put("scope", scope);
		}
		if (resource != null) {
			body.put("resource", resource);
		}
		Map<String, String> headers = new LinkedHashMap<>(FORM);
		// RFC 6749 section 2.3.1: both parts form-urlencoded before the Base64
		String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
		headers.put("Authorization", "Basic "
				+ java.util.Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		return token(as, tokenPath, "client credentials request", headers, body);
	}

	private TokenResponse token(HttpConnection as, String step, Map<String, String> parameters) throws IOException {
		return token(as, this.tokenPath, step, FORM, parameters);
	}

	private static TokenResponse token(HttpConnection as, String tokenPath, String step, Map<String, String> headers,
			Map<String, String> parameters) throws IOException {
		HttpResponse response = as.post(tokenPath, headers, form(parameters).getBytes(StandardCharsets.US_ASCII));
		if (response.status() != 200) {
			throw new FlowException(step + " answered " + response.status() + " " + oauthError(response.text()));
		}
		return TokenResponse.parse(response.text());
	}

	/** The {@code error} member of an OAuth error response (RFC 6749 section 5.2); the rest may echo input. */
	static String oauthError(String body) {
		int at = body.indexOf("\"error\"");
		if (at < 0) {
			return "";
		}
		int start = body.indexOf('"', body.indexOf(':', at) + 1);
		int end = (start < 0) ? -1 : body.indexOf('"', start + 1);
		return (end < 0) ? "" : body.substring(start + 1, end);
	}

	static String form(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** The {@code code} of a redirect to the client, after checking it carries {@code state} and no error. */
	public String codeFrom(String location, String state) throws FlowException {
		if (location == null || !location.startsWith(this.redirectUri + "?")) {
			throw new FlowException("the authorization response does not redirect to the client's redirect URI");
		}
		Map<String, String> callback = parseQuery(URI.create(location).getRawQuery());
		if (callback.containsKey("error")) {
			throw new FlowException("authorization request refused: " + callback.get("error"));
		}
		if (!state.equals(callback.get("state")) || callback.get("code") == null) {
			throw new FlowException("authorization response without the code or with another state");
		}
		return callback.get("code");
	}

	static Map<String, String> parseQuery(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : (query == null) ? new String[0] : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return parameters;
	}

	/** A step of the flow did not answer as the specifications say. */
	public static final class FlowException extends IOException {

		public FlowException(String message) {
			super(message);
		}

	}

}
