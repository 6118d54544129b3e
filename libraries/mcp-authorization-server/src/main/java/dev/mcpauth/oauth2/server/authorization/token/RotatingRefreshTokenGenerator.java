package dev.mcpauth.oauth2.server.authorization.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Issues opaque refresh tokens to every client registered for the {@code refresh_token} grant, public clients
 * included. Spring's generator withholds them from public clients; MCP instead requires that refresh tokens of
 * public clients rotate (MCP "Token Theft", OAuth 2.1 §4.3.1, checklist AS-09), which every client gets here
 * through {@code reuseRefreshTokens=false}.
 */
public final class RotatingRefreshTokenGenerator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(),
			96);

	private final Clock clock;

	public RotatingRefreshTokenGenerator(Clock clock) {
		this.clock = clock;
	}

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
				|| !context.getRegisteredClient().getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
			return null;
		}
		Instant issuedAt = this.clock.instant();
		return new OAuth2RefreshToken(this.values.generateKey(), issuedAt,
				issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
	}

}
