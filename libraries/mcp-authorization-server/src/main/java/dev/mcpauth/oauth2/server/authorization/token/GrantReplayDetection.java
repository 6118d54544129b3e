package dev.mcpauth.oauth2.server.authorization.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * Replay of a grant credential revokes the grant (OAuth 2.1 §4.3.1 and §4.1.2, RFC 9700 §4.14.2;
 * checklist AS-09).
 *
 * <ul>
 * <li><b>Refresh token reuse.</b> Refresh tokens rotate; a rotated one is remembered by its SHA-256 in
 * {@code oauth2_rotated_refresh_token} until it would have expired. Presenting it again means two parties hold the
 * grant (the client and an attacker) and the server cannot tell which is which: the whole authorization is invalidated
 * (its refresh token, access token and code; the row stays until it expires, so later replays are still seen), a security event is logged without the token, and both parties
 * get {@code invalid_grant} from then on. A token is claimed by inserting its hash <em>before</em> the exchange,
 * so two concurrent requests with the same token cannot both succeed: the second insert fails and revokes.</li>
 * <li><b>Code replay</b> (OAuth 2.1 §4.1.2: "SHOULD revoke ... all tokens previously issued"). On a second
 * redemption of a code the framework's provider invalidates the refresh and
 * access tokens of the authorization (they can no longer be refreshed or introspected as active) and answers
 * {@code invalid_grant}; this class logs the security event. Access tokens already issued are self-contained JWTs
 * that resource servers verify offline: they stay valid until {@code exp}, which is why the access-token lifetime
 * is short (5 minutes by default).</li>
 * </ul>
 * {@link #decorate} wraps the token endpoint's providers ({@code McpAuthorizationServerConfigurer} does so when a bean
 * of this type exists); the table is {@code oauth2_rotated_refresh_token} (the library's migrations and schema script).
 */
public class GrantReplayDetection {

	/** Security events go to this logger. */
	public static final String SECURITY_LOG = "dev.mcpauth.oauth2.server.authorization.security";

	private static final Logger security = LoggerFactory.getLogger(SECURITY_LOG);

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private final JdbcOperations jdbc;

	private final OAuth2AuthorizationService authorizations;

	private final Clock clock;

	public GrantReplayDetection(JdbcOperations jdbc, OAuth2AuthorizationService authorizations) {
		this(jdbc, authorizations, Clock.systemUTC());
	}

	public GrantReplayDetection(JdbcOperations jdbc, OAuth2AuthorizationService authorizations, Clock clock) {
		this.jdbc = jdbc;
		this.authorizations = authorizations;
		this.clock = clock;
	}

	/** Wraps a token endpoint provider: refresh and code grants get replay detection, others are returned as is. */
	public AuthenticationProvider decorate(AuthenticationProvider provider) {
		if (provider.supports(OAuth2RefreshTokenAuthenticationToken.class)) {
			return new Detecting(provider, true);
		}
		if (provider.supports(OAuth2AuthorizationCodeAuthenticationToken.class)) {
			return new Detecting(provider, false);
		}
		return provider;
	}

	/** Deletes remembered rotated tokens that have expired (scheduled with the authorization cleanup). */
	public int deleteExpired() {
		return this.jdbc.update("DELETE FROM oauth2_rotated_refresh_token WHERE expires_at < ?",
				Timestamp.from(this.clock.instant()));
	}

	private Authentication refresh(AuthenticationProvider delegate, OAuth2RefreshTokenAuthenticationToken request) {
		String hash = hash(request.getRefreshToken());
		OAuth2Authorization authorization = this.authorizations.findByToken(request.getRefreshToken(),
				OAuth2TokenType.REFRESH_TOKEN);
		if (authorization == null) {
			String replayed = this.jdbc.query(
					"SELECT authorization_id FROM oauth2_rotated_refresh_token WHERE token_hash = ?",
					(rs) -> rs.next() ? rs.getString(1) : null, hash);
			if (replayed != null) {
				revoke(replayed, clientId(request));
				throw invalidGrant();
			}
			return delegate.authenticate(request);
		}
		OAuth2Authorization.Token<OAuth2RefreshToken> current = authorization.getRefreshToken();
		Instant now = this.clock.instant();
		Instant expiresAt = (current != null && current.getToken().getExpiresAt() != null)
				? current.getToken().getExpiresAt() : now;
		try {
			// claim the token before the exchange: of two concurrent uses, only one insert succeeds
			this.jdbc.update("INSERT INTO oauth2_rotated_refresh_token (token_hash, authorization_id, rotated_at, "
					+ "expires_at) VALUES (?, ?, ?, ?)", hash, authorization.getId(), Timestamp.from(now),
					Timestamp.from(expiresAt));
		}
		catch (DuplicateKeyException ex) {
			revoke(authorization.getId(), clientId(request));
			throw invalidGrant();
		}
		boolean exchanged = false;
		try {
			Authentication result = delegate.authenticate(request);
			exchanged = result != null;
			return result;
		}
		finally {
			if (!exchanged) {
				// refused (wrong client, widened scope, other resource...): the token was not rotated
				this.jdbc.update("DELETE FROM oauth2_rotated_refresh_token WHERE token_hash = ?", hash);
			}
		}
	}

	private Authentication code(AuthenticationProvider delegate, OAuth2AuthorizationCodeAuthenticationToken request) {
		OAuth2Authorization authorization = this.authorizations.findByToken(request.getCode(), CODE);
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = (authorization != null)
				? authorization.getToken(OAuth2AuthorizationCode.class) : null;
		if (code != null && code.isInvalidated()) {
			security.warn("Security event authorization_code_replay: an authorization code was redeemed again; the "
					+ "tokens of its grant are revoked (client_id={}, authorization_id={}, principal={})",
					clientId(request), authorization.getId(), authorization.getPrincipalName());
		}
		return delegate.authenticate(request);
	}

	private void revoke(String authorizationId, String clientId) {
		OAuth2Authorization authorization = this.authorizations.findById(authorizationId);
		if (authorization == null) {
			security.warn("Security event refresh_token_reuse: a rotated refresh token was presented again; its grant "
					+ "was already revoked (client_id={}, authorization_id={})", clientId, authorizationId);
			return;
		}
		// Invalidated, not removed: the row keeps the grant recognisable, so a later replay of its code or of one of
		// its refresh tokens is still detected (and audited) until the row expires.
		this.authorizations.save(invalidated(authorization));
		security.warn("Security event refresh_token_reuse: a rotated refresh token was presented again; the grant is "
				+ "revoked with all its tokens (client_id={}, authorization_id={}, principal={})", clientId,
				authorizationId, authorization.getPrincipalName());
	}

	private static OAuth2Authorization invalidated(OAuth2Authorization authorization) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
		for (Class<? extends OAuth2Token> type : List.of(
				OAuth2RefreshToken.class, OAuth2AccessToken.class, OAuth2AuthorizationCode.class)) {
			OAuth2Authorization.Token<?> token = authorization.getToken(type);
			if (token != null) {
				builder.invalidate(token.getToken());
			}
		}
		return builder.build();
	}

	private static String clientId(Authentication request) {
		Object principal = request.getPrincipal();
		if (principal instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null) {
			return client.getRegisteredClient().getClientId();
		}
		return (principal instanceof Authentication authentication) ? authentication.getName() : "-";
	}

	private static OAuth2AuthenticationException invalidGrant() {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT));
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private final class Detecting implements AuthenticationProvider {

		private final AuthenticationProvider delegate;

		private final boolean refresh;

		Detecting(AuthenticationProvider delegate, boolean refresh) {
			this.delegate = delegate;
			this.refresh = refresh;
		}

		@Override
		public Authentication authenticate(Authentication authentication) throws AuthenticationException {
			if (this.refresh && authentication instanceof OAuth2RefreshTokenAuthenticationToken request) {
				return refresh(this.delegate, request);
			}
			if (!this.refresh && authentication instanceof OAuth2AuthorizationCodeAuthenticationToken request) {
				return code(this.delegate, request);
			}
			return this.delegate.authenticate(authentication);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return this.delegate.supports(authentication);
		}

	}

}
