package dev.mcpauth.benchmarks.oauth;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a token endpoint answer (RFC 6749 section 5.1) a benchmark needs. Never printed: {@link #toString()}
 * hides the tokens.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, or {@code null} when none was issued
 * @param scope the granted scope, or {@code null}
 */
public record TokenResponse(String accessToken, String refreshToken, String scope) {

	private static final JsonMapper JSON = JsonMapper.shared();

	static TokenResponse parse(String json) {
		JsonNode node = JSON.readTree(json);
		JsonNode accessToken = node.get("access_token");
		if (accessToken == null || !accessToken.isString()) {
			throw new IllegalStateException("the token response has no access_token");
		}
		return new TokenResponse(accessToken.stringValue(), text(node, "refresh_token"), text(node, "scope"));
	}

	private static String text(JsonNode node, String name) {
		JsonNode member = node.get(name);
		return (member == null || !member.isString()) ? null : member.stringValue();
	}

	@Override
	public String toString() {
		return "TokenResponse[scope=" + this.scope + ", refreshToken=" + (this.refreshToken != null) + "]";
	}

}
