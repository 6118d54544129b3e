package dev.mcpauth.oauth2.client.discovery;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.http.EndpointPolicy;
import dev.mcpauth.oauth2.client.http.JsonFields;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import tools.jackson.databind.JsonNode;

/**
 * Fetches authorization server metadata in the MCP order (CL-05, checklist section 2.3) and validates it: the
 * {@code issuer} must equal the issuer used to build the URL (CL-06, RFC 8414 section 3.3), PKCE {@code S256} must be
 * advertised (CL-07), and {@code response_types_supported}, when present, must contain {@code code}. OIDC-only
 * members are not required even at an {@code openid-configuration} URL.
 */
public final class AuthorizationServerMetadataDiscovery {

	private final OAuthHttpClient http;

	public AuthorizationServerMetadataDiscovery(OAuthHttpClient http) {
		this.http = http;
	}

	public AuthorizationServerMetadata discover(String issuer) {
		URI issuerUri = EndpointPolicy.require(issuer, "authorization server issuer");
		return find(issuer, issuerUri)
			.orElseThrow(() -> new McpAuthorizationException("no authorization server metadata found for issuer " + issuer
					+ " (tried " + String.join(", ", WellKnownUris.authorizationServer(issuerUri)) + ")"));
	}

	/** Like {@link #discover} but empty when no document exists (the 2025-03-26 fallback needs to know). */
	public Optional<AuthorizationServerMetadata> find(String issuer, URI issuerUri) {
		for (String url : WellKnownUris.authorizationServer(issuerUri)) {
			OAuthHttpClient.Response response = this.http.get(URI.create(url));
			if (response.isOk()) {
				return Optional.of(validate(url, issuer, this.http.jsonObject(response, "metadata at " + url)));
			}
			if (!ProtectedResourceMetadataDiscovery.isNotFound(response.status())) {
				throw new McpAuthorizationException("authorization server metadata at " + url + " answered HTTP " + response.status());
			}
		}
		return Optional.empty();
	}

	static AuthorizationServerMetadata validate(String location, String issuer, JsonNode document) {
		String actualIssuer = JsonFields.text(document, "issuer").orElse("(none)");
		if (!actualIssuer.equals(issuer)) {
			throw new McpAuthorizationException("authorization server metadata at " + location + " has issuer " + actualIssuer
					+ ", expected " + issuer + " (RFC 8414 section 3.3)");
		}
		List<String> pkceMethods = JsonFields.textList(document, "code_challenge_methods_supported");
		if (pkceMethods == null || !pkceMethods.contains("S256")) {
			throw new McpAuthorizationException("authorization server " + issuer
					+ " does not advertise PKCE S256 in code_challenge_methods_supported; refusing to proceed (MCP authorization, PKCE)");
		}
		List<String> responseTypes = JsonFields.textList(document, "response_types_supported");
		if (responseTypes != null && !responseTypes.contains("code")) {
			throw new McpAuthorizationException("authorization server " + issuer + " does not support response_type=code");
		}
		String authorizationEndpoint = required(document, "authorization_endpoint", location);
		String tokenEndpoint = required(document, "token_endpoint", location);
		List<String> authMethods = JsonFields.textList(document, "token_endpoint_auth_methods_supported");
		return new AuthorizationServerMetadata(location, issuer, authorizationEndpoint, tokenEndpoint,
				JsonFields.text(document, "registration_endpoint").orElse(null),
				authMethods == null ? List.of("client_secret_basic") : authMethods,
				JsonFields.flag(document, "client_id_metadata_document_supported"),
				JsonFields.flag(document, "authorization_response_iss_parameter_supported"),
				JsonFields.textList(document, "dpop_signing_alg_values_supported"));
	}

	/**
	 * 2025-03-26 servers without any metadata: the MCP server's origin is the authorization server and the endpoints
	 * are {@code /authorize}, {@code /token} and {@code /register} (MCP 2025-03-26, "Fallbacks for servers without
	 * metadata discovery"). Not part of 2025-11-25; kept for the back-compat suite.
	 */
	public static AuthorizationServerMetadata defaultEndpoints(String origin) {
		return new AuthorizationServerMetadata(null, origin, origin + "/authorize", origin + "/token",
				origin + "/register", List.of("none", "client_secret_basic", "client_secret_post"), false, false);
	}

	private static String required(JsonNode document, String member, String location) {
		return JsonFields.text(document, member)
			.orElseThrow(() -> new McpAuthorizationException("authorization server metadata at " + location + " has no " + member));
	}

}
