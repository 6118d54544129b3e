package dev.mcpauth.oauth2.server.authorization.web;

import java.util.List;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * CORS for the endpoints a browser-based MCP client calls with {@code fetch} (the MCP Inspector, web IDEs):
 * metadata, JWKS, token, revocation and registration. None of them relies on cookies, so credentials are never
 * allowed and any configured origin may read the responses; a token request still needs the code and PKCE
 * verifier. The authorization endpoint is a top-level navigation and gets no CORS headers.
 */
public final class BrowserClientCors {

	private static final List<String> PATHS = List.of("/.well-known/oauth-authorization-server",
			"/.well-known/oauth-authorization-server/**", "/oauth2/jwks", "/oauth2/token", "/oauth2/revoke",
			"/oauth2/register");

	private BrowserClientCors() {
	}

	public static CorsConfigurationSource source(List<String> allowedOrigins) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOriginPatterns(allowedOrigins);
		configuration.setAllowedMethods(List.of("GET", "POST"));
		// MCP clients also send MCP-Protocol-Version on metadata requests; DPoP proofs travel in the DPoP header and
		// server nonces come back in DPoP-Nonce (RFC 9449 §4.1, §8.1)
		configuration.setAllowedHeaders(
				List.of("Authorization", "Content-Type", "Accept", "MCP-Protocol-Version", "DPoP"));
		configuration.setExposedHeaders(List.of("DPoP-Nonce"));
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		PATHS.forEach((path) -> source.registerCorsConfiguration(path, configuration));
		return source;
	}

}
