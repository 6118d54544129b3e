package dev.mcpauth.oauth2.client.cimd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's own Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document; MCP 2025-11-25): a
 * public native client. {@code client_id} is the document's own URL (CL-13); the redirect URIs are loopback
 * (CL-16), the IP literal without a port because RFC 8252 section 7.3 lets the authorization server accept any port
 * for it; {@code token_endpoint_auth_method} is {@code none}.
 */
public final class ClientMetadataDocument {

	public static final List<String> REDIRECT_URIS = List.of("http://127.0.0.1/callback");

	private ClientMetadataDocument() {
	}

	public static Map<String, Object> forClientId(String clientId, String clientName) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("client_id", clientId);
		document.put("client_name", clientName);
		document.put("redirect_uris", REDIRECT_URIS);
		document.put("grant_types", List.of("authorization_code", "refresh_token"));
		document.put("response_types", List.of("code"));
		document.put("token_endpoint_auth_method", "none");
		return document;
	}

}
