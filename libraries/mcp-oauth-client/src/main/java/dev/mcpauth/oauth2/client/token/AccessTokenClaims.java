package dev.mcpauth.oauth2.client.token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code aud} claim of a JWT access token for the trace only. The token stays opaque to the client's logic
 * (OAuth 2.1 section 1.4): nothing is decided on it and the signature is not checked; the token itself is never shown.
 */
public final class AccessTokenClaims {

	private AccessTokenClaims() {
	}

	/** The audience as text, or {@code null} when the token is not a JWT or has no {@code aud}. */
	public static String audience(String accessToken, JsonMapper json) {
		String[] parts = accessToken.split("\\.");
		if (parts.length != 3) {
			return null;
		}
		try {
			JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
			JsonNode aud = claims.get("aud");
			if (aud == null) {
				return null;
			}
			if (aud.isArray()) {
				List<String> values = new ArrayList<>();
				aud.values().forEach(v -> values.add(v.asString()));
				return String.join(",", values);
			}
			return aud.asString();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
