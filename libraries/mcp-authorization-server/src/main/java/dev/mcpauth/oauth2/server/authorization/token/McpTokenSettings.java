package dev.mcpauth.oauth2.server.authorization.token;

import java.time.Duration;

import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** The token settings every MCP client gets: short-lived JWT access tokens and rotating refresh tokens. */
public final class McpTokenSettings {

	private McpTokenSettings() {
	}

	/** Five-minute access tokens and authorization codes. */
	public static TokenSettings defaults() {
		return of(Duration.ofMinutes(5), Duration.ofMinutes(5));
	}

	public static TokenSettings of(Duration accessTokenTimeToLive, Duration authorizationCodeTimeToLive) {
		return TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.accessTokenTimeToLive(accessTokenTimeToLive)
			.authorizationCodeTimeToLive(authorizationCodeTimeToLive)
			// OAuth 2.1 §4.3.1 / MCP "Token Theft": rotate refresh tokens
			.reuseRefreshTokens(false)
			.build();
	}

}
