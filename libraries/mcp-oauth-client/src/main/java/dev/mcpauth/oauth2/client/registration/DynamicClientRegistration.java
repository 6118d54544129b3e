package dev.mcpauth.oauth2.client.registration;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.discovery.AuthorizationServerMetadata;
import dev.mcpauth.oauth2.client.http.EndpointPolicy;
import dev.mcpauth.oauth2.client.http.JsonFields;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import tools.jackson.databind.JsonNode;

/**
 * RFC 7591 dynamic client registration, the fallback when the authorization server does not take CIMD client ids
 * (CL-12). The client asks for the method it prefers ({@code none} when the server supports it) and then uses what
 * the server registered: the response's {@code token_endpoint_auth_method}, else the requested one.
 */
public final class DynamicClientRegistration {

	private final OAuthHttpClient http;

	private final String clientName;

	public DynamicClientRegistration(OAuthHttpClient http, String clientName) {
		this.http = http;
		this.clientName = clientName;
	}

	public ClientRegistration register(AuthorizationServerMetadata as, String redirectUri) {
		URI endpoint = EndpointPolicy.require(as.registrationEndpoint(), "registration_endpoint");
		String requestedMethod = TokenEndpointAuthMethods.forNewClient(as.tokenEndpointAuthMethodsSupported());
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("client_name", this.clientName);
		request.put("redirect_uris", List.of(redirectUri));
		request.put("grant_types", List.of("authorization_code", "refresh_token"));
		request.put("response_types", List.of("code"));
		request.put("token_endpoint_auth_method", requestedMethod);
		OAuthHttpClient.Response response = this.http.postJson(endpoint, request);
		if (!response.isOk()) {
			throw new McpAuthorizationException("dynamic client registration at " + endpoint + " failed with HTTP "
					+ response.status() + errorOf(response));
		}
		JsonNode body = this.http.jsonObject(response, "registration response");
		String clientId = JsonFields.text(body, "client_id")
			.orElseThrow(() -> new McpAuthorizationException("registration response has no client_id"));
		String secret = JsonFields.text(body, "client_secret").filter(s -> !s.isEmpty()).orElse(null);
		// The response carries every registered value the server replaced (RFC 7591 section 3.2.1): when it says
		// nothing, the requested method stands.
		String method = JsonFields.text(body, "token_endpoint_auth_method").orElse(requestedMethod);
		if (!method.equals(TokenEndpointAuthMethods.NONE) && secret == null) {
			throw new McpAuthorizationException("registration response asks for " + method + " but issued no client_secret");
		}
		return new ClientRegistration(RegistrationMethod.DCR, clientId, secret, method);
	}

	private String errorOf(OAuthHttpClient.Response response) {
		try {
			JsonNode body = this.http.jsonObject(response, "registration error");
			return JsonFields.text(body, "error").map(e -> " (" + e + ")").orElse("");
		}
		catch (McpAuthorizationException ex) {
			return "";
		}
	}

}
