package dev.mcpauth.oauth2.client.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.dpop.DpopProofs;
import dev.mcpauth.oauth2.client.http.EndpointPolicy;
import dev.mcpauth.oauth2.client.http.JsonFields;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import dev.mcpauth.oauth2.client.registration.ClientRegistration;
import dev.mcpauth.oauth2.client.registration.TokenEndpointAuthMethods;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import tools.jackson.databind.JsonNode;

/**
 * The token endpoint calls: the authorization code exchange (OAuth 2.1 section 4.1.3), the refresh (section 4.3) and
 * the client credentials grant (section 4.2), each carrying {@code resource} (RFC 8707 section 2, CL-21) and
 * authenticating the client as its registration says (CL-17): {@code none} sends {@code client_id} in the body;
 * {@code client_secret_basic} sends the form-encoded id and secret in HTTP Basic (RFC 6749 section 2.3.1);
 * {@code client_secret_post} sends both in the body; {@code private_key_jwt} sends a signed assertion (RFC 7523
 * section 2.2).
 * <p>
 * With DPoP (RFC 9449 section 5) each request carries a fresh proof; a {@code 400 use_dpop_nonce} answer with a
 * {@code DPoP-Nonce} is retried once with that nonce (section 8), and a {@code DPoP-Nonce} on any answer is kept for the
 * next request to that origin.
 */
public final class TokenEndpointClient {

	private final OAuthHttpClient http;

	private final Clock clock;

	private final ClientAssertionKey assertionKey;

	private final AuthorizationTraceListener trace;

	public TokenEndpointClient(OAuthHttpClient http, Clock clock) {
		this(http, clock, null, AuthorizationTraceListener.NONE);
	}

	/** @param assertionKey the key of a {@code private_key_jwt} client, or {@code null} */
	public TokenEndpointClient(OAuthHttpClient http, Clock clock, ClientAssertionKey assertionKey,
			AuthorizationTraceListener trace) {
		this.http = http;
		this.clock = clock;
		this.assertionKey = assertionKey;
		this.trace = trace;
	}

	public TokenSet exchangeCode(String tokenEndpoint, ClientRegistration client, String code, String verifier,
			String redirectUri, String resource, Set<String> requestedScopes) {
		return exchangeCode(tokenEndpoint, client, code, verifier, redirectUri, resource, requestedScopes, null);
	}

	/** @param dpop the client's DPoP proofs, or {@code null} for a Bearer token */
	public TokenSet exchangeCode(String tokenEndpoint, ClientRegistration client, String code, String verifier,
			String redirectUri, String resource, Set<String> requestedScopes, DpopProofs dpop) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		// OAuth 2.1 drops redirect_uri here, but OAuth 2.0 servers require it: sending it is the interoperable choice.
		form.put("redirect_uri", redirectUri);
		form.put("code_verifier", verifier);
		form.put("resource", resource);
		return request(tokenEndpoint, null, client, form, requestedScopes, null, dpop);
	}

	/** Never asks for a wider scope: no {@code scope} parameter means "as originally granted" (section 4.3.1). */
	public TokenSet refresh(String tokenEndpoint, ClientRegistration client, TokenSet current, String resource) {
		return refresh(tokenEndpoint, client, current, resource, null);
	}

	/** A DPoP-bound refresh token of a public client must be presented with the same key (RFC 9449 section 5). */
	public TokenSet refresh(String tokenEndpoint, ClientRegistration client, TokenSet current, String resource,
			DpopProofs dpop) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", current.refreshToken());
		form.put("resource", resource);
		return request(tokenEndpoint, null, client, form, current.grantedScopes(), current.refreshToken(), dpop);
	}

	/**
	 * The client credentials grant (OAuth 2.1 section 4.2): a confidential client asks for itself, no user and no
	 * browser; {@code scope} when scopes are asked for, {@code resource} always.
	 * @param issuer the authorization server's issuer, the {@code aud} of a {@code private_key_jwt} assertion
	 */
	public TokenSet clientCredentials(String tokenEndpoint, String issuer, ClientRegistration client, String resource,
			Set<String> requestedScopes, DpopProofs dpop) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		if (!requestedScopes.isEmpty()) {
			form.put("scope", String.join(" ", requestedScopes));
		}
		form.put("resource", resource);
		return request(tokenEndpoint, issuer, client, form, requestedScopes, null, dpop);
	}

	private TokenSet request(String tokenEndpoint, String issuer, ClientRegistration client, Map<String, String> form,
			Set<String> requestedScopes, String previousRefreshToken, DpopProofs dpop) {
		URI endpoint = EndpointPolicy.require(tokenEndpoint, "token_endpoint");
		String authorization = null;
		switch (client.tokenEndpointAuthMethod()) {
			case TokenEndpointAuthMethods.BASIC -> authorization = "Basic " + Base64.getEncoder()
				.encodeToString((OAuthHttpClient.urlEncode(client.clientId()) + ":"
						+ OAuthHttpClient.urlEncode(client.clientSecret()))
					.getBytes(StandardCharsets.UTF_8));
			case TokenEndpointAuthMethods.POST -> {
				form.put("client_id", client.clientId());
				form.put("client_secret", client.clientSecret());
			}
			case TokenEndpointAuthMethods.PRIVATE_KEY_JWT -> {
				if (this.assertionKey == null) {
					throw new McpAuthorizationException("private_key_jwt needs the client's private key");
				}
				form.put("client_id", client.clientId());
				form.put("client_assertion_type", ClientAssertionKey.ASSERTION_TYPE);
			}
			default -> form.put("client_id", client.clientId());
		}
		OAuthHttpClient.Response response = post(endpoint, issuer, client, form, authorization, dpop);
		if (dpop != null && isUseDpopNonce(response)) {
			String nonce = response.headers().firstValue("DPoP-Nonce").orElse(null);
			if (nonce == null || nonce.isBlank()) {
				throw new McpAuthorizationException("token endpoint answered use_dpop_nonce without a DPoP-Nonce header");
			}
			this.trace.detail("DPoP nonce challenge from the token endpoint (400 use_dpop_nonce): retrying once with its nonce");
			response = post(endpoint, issuer, client, form, authorization, dpop);
			if (isUseDpopNonce(response)) {
				throw new McpAuthorizationException("token endpoint refused the " + form.get("grant_type")
						+ " grant again with use_dpop_nonce after the retry with its own nonce; giving up (RFC 9449 section 8)");
			}
		}
		if (!response.isOk()) {
			throw new McpAuthorizationException("token endpoint refused the " + form.get("grant_type") + " grant: " + errorOf(response));
		}
		JsonNode body = this.http.jsonObject(response, "token response");
		String accessToken = JsonFields.text(body, "access_token")
			.orElseThrow(() -> new McpAuthorizationException("token response has no access_token"));
		String tokenType = JsonFields.text(body, "token_type").orElse("");
		if (tokenType.equalsIgnoreCase(TokenSet.DPOP)) {
			if (dpop == null) {
				throw new McpAuthorizationException("token response has token_type DPoP although the request carried no DPoP proof");
			}
			tokenType = TokenSet.DPOP;
		}
		else if (tokenType.equalsIgnoreCase(TokenSet.BEARER)) {
			tokenType = TokenSet.BEARER;
		}
		else {
			throw new McpAuthorizationException("token response has token_type '" + tokenType + "'; this client uses Bearer and DPoP tokens only");
		}
		Set<String> granted = JsonFields.text(body, "scope").map(TokenEndpointClient::scopes).orElse(requestedScopes);
		Instant expiresAt = JsonFields.number(body, "expires_in").map(s -> this.clock.instant().plusSeconds(s)).orElse(null);
		// A refresh response without a new refresh token leaves the old one valid (OAuth 2.1 section 4.3.3).
		String refreshToken = JsonFields.text(body, "refresh_token").orElse(previousRefreshToken);
		return new TokenSet(accessToken, granted, requestedScopes, expiresAt, refreshToken, tokenType);
	}

	/** One POST, with a new assertion and a new proof each time (a retry must not replay a {@code jti}). */
	private OAuthHttpClient.Response post(URI endpoint, String issuer, ClientRegistration client, Map<String, String> form,
			String authorization, DpopProofs dpop) {
		if (form.containsKey("client_assertion_type")) {
			form.put("client_assertion", this.assertionKey.assertion(client.clientId(),
					issuer != null ? issuer : endpoint.toString(), this.clock));
		}
		Map<String, String> headers = new LinkedHashMap<>();
		if (authorization != null) {
			headers.put("Authorization", authorization);
		}
		if (dpop != null) {
			headers.put("DPoP", dpop.proof("POST", endpoint, null));
		}
		OAuthHttpClient.Response response = this.http.postForm(endpoint, form, headers);
		if (dpop != null) {
			response.headers().firstValue("DPoP-Nonce").ifPresent(nonce -> dpop.rememberNonce(endpoint, nonce));
		}
		return response;
	}

	private boolean isUseDpopNonce(OAuthHttpClient.Response response) {
		if (response.status() != 400) {
			return false;
		}
		try {
			return JsonFields.text(this.http.jsonObject(response, "token error response"), "error")
				.filter("use_dpop_nonce"::equals)
				.isPresent();
		}
		catch (McpAuthorizationException notJson) {
			return false;
		}
	}

	private String errorOf(OAuthHttpClient.Response response) {
		try {
			JsonNode body = this.http.jsonObject(response, "token error response");
			String error = JsonFields.text(body, "error").orElse("HTTP " + response.status());
			return error + JsonFields.text(body, "error_description").map(d -> " (" + d + ")").orElse("");
		}
		catch (McpAuthorizationException notJson) {
			return "HTTP " + response.status();
		}
	}

	public static Set<String> scopes(String scope) {
		Set<String> result = new LinkedHashSet<>();
		if (scope != null) {
			Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(result::add);
		}
		return result;
	}


}
