package dev.mcpauth.oauth2.client.authorization;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.oauth2.client.http.OAuthHttpClient;

/**
 * One authorization code request (OAuth 2.1 section 4.1.1) with PKCE S256, a fresh {@code state} (CL-09) and the
 * RFC 8707 {@code resource} parameter carrying the canonical MCP server URI (CL-21). {@code scope} is {@code null}
 * when the scope selection strategy says to omit it (CL-18).
 */
public record AuthorizationRequest(String authorizationEndpoint, String clientId, String redirectUri, String scope,
		String state, Pkce pkce, String resource) {

	public static String newState(SecureRandom random) {
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public URI toUri() {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", this.clientId);
		query.put("redirect_uri", this.redirectUri);
		query.put("scope", this.scope);
		query.put("state", this.state);
		query.put("code_challenge", this.pkce.challenge());
		query.put("code_challenge_method", Pkce.METHOD);
		query.put("resource", this.resource);
		String separator = this.authorizationEndpoint.contains("?") ? "&" : "?";
		return URI.create(this.authorizationEndpoint + separator + OAuthHttpClient.formEncode(query));
	}

}
