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
import dev.mcpauth.oauth2.client.http.EndpointPolicy;
import dev.mcpauth.oauth2.client.http.JsonFields;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import dev.mcpauth.oauth2.client.registration.ClientRegistration;
import dev.mcpauth.oauth2.client.registration.TokenEndpointAuthMethods;
import tools.jackson.databind.JsonNode;

/**
 * The token endpoint calls: the authorization code exchange (OAuth 2.1 section 4.1.3) and the refresh (section 4.3),
 * both carrying {@code resource} (RFC 8707 section 2, CL-21) and authenticating the client as its registration says
 * (CL-17): {@code none} sends {@code client_id} in the body; {@code client_secret_basic} sends the form-encoded id
 * and secret in HTTP Basic (RFC 6749 section 2.3.1); {@code client_secret_post} sends both in the body.
 */
public final class TokenEndpointClient {

	private final OAuthHttpClient http;

	private final Clock clock;

	public TokenEndpointClient(OAuthHttpClient http, Clock clock) {
		this.http = http;
		this.clock = clock;
	}

	public TokenSet exchangeCode(String tokenEndpoint, ClientRegistration client, String code, String verifier,
			String redirectUri, String resource, Set<String> requestedScopes) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		// OAuth 2.1 drops redirect_uri here, but OAuth 2.0 servers require it: sending it is the interoperable choice.
		form.put("redirect_uri", redirectUri);
		form.put("code_verifier", verifier);
		form.put("resource", resource);
		return request(tokenEndpoint, client, form, requestedScopes, null);
	}

	/** Never asks for a wider scope: no {@code scope} parameter means "as originally granted" (section 4.3.1). */
	public TokenSet refresh(String tokenEndpoint, ClientRegistration client, TokenSet current, String resource) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", current.refreshToken());
		form.put("resource", resource);
		return request(tokenEndpoint, client, form, current.grantedScopes(), current.refreshToken());
	}

	private TokenSet request(String tokenEndpoint, ClientRegistration client, Map<String, String> form,
			Set<String> requestedScopes, String previousRefreshToken) {
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
			default -> form.put("client_id", client.clientId());
		}
		OAuthHttpClient.Response response = this.http.postForm(endpoint, form, authorization);
		if (!response.isOk()) {
			throw new McpAuthorizationException("token endpoint refused the " + form.get("grant_type") + " grant: " + errorOf(response));
		}
		JsonNode body = this.http.jsonObject(response, "token response");
		String accessToken = JsonFields.text(body, "access_token")
			.orElseThrow(() -> new McpAuthorizationException("token response has no access_token"));
		String tokenType = JsonFields.text(body, "token_type").orElse("");
		if (!tokenType.equalsIgnoreCase("Bearer")) {
			throw new McpAuthorizationException("token response has token_type '" + tokenType + "'; this client uses Bearer tokens only");
		}
		Set<String> granted = JsonFields.text(body, "scope").map(TokenEndpointClient::scopes).orElse(requestedScopes);
		Instant expiresAt = JsonFields.number(body, "expires_in").map(s -> this.clock.instant().plusSeconds(s)).orElse(null);
		// A refresh response without a new refresh token leaves the old one valid (OAuth 2.1 section 4.3.3).
		String refreshToken = JsonFields.text(body, "refresh_token").orElse(previousRefreshToken);
		return new TokenSet(accessToken, granted, requestedScopes, expiresAt, refreshToken);
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
