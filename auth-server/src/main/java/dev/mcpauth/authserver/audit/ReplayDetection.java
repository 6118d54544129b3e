package dev.mcpauth.authserver.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.authserver.metrics.AuthorizationServerMetrics;
import dev.mcpauth.authserver.metrics.ClientKind;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * Recognises two attacks the token endpoint already refuses (with {@code invalid_grant}) and records them:
 *
 * <ul>
 * <li><b>Refresh token reuse</b>: a refresh token that was rotated away (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2) is
 * presented again, the sign of a stolen token. On every successful refresh the consumed token's SHA-256 is kept for
 * the refresh token lifetime (bounded in entries), so a later refusal of that exact token is reuse, not a typo.</li>
 * <li><b>Authorization code replay</b>: a code that was already redeemed is presented again (RFC 6749 §4.1.2);
 * Spring Authorization Server then also invalidates the tokens issued for it.</li>
 * </ul>
 * Only digests are kept; no token or code reaches an event or a log.
 */
public final class ReplayDetection {

	private final OAuth2AuthorizationService authorizations;

	private final AuthorizationServerMetrics metrics;

	private final ApplicationEventPublisher events;

	private final Duration memory;

	private final Clock clock;

	private final Map<String, Instant> rotated;

	public ReplayDetection(OAuth2AuthorizationService authorizations, AuthorizationServerMetrics metrics,
			ApplicationEventPublisher events, Duration memory, int maxEntries, Clock clock) {
		this.authorizations = authorizations;
		this.metrics = metrics;
		this.events = events;
		this.memory = memory;
		this.clock = clock;
		this.rotated = new LinkedHashMap<>(256, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
				return size() > maxEntries;
			}
		};
	}

	@EventListener
	public void onSuccess(AuthenticationSuccessEvent event) {
		if (!(event.getAuthentication() instanceof OAuth2AccessTokenAuthenticationToken)) {
			return;
		}
		HttpServletRequest request = CurrentRequest.get();
		if (request == null || !"refresh_token".equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
			return;
		}
		String consumed = request.getParameter(OAuth2ParameterNames.REFRESH_TOKEN);
		if (consumed != null) {
			synchronized (this.rotated) {
				this.rotated.put(digest(consumed), this.clock.instant().plus(this.memory));
			}
		}
	}

	@EventListener
	public void onFailure(OAuth2AuthenticationFailureEvent event) {
		if (!(event.getException() instanceof OAuth2AuthenticationException ex)
				|| !OAuth2ErrorCodes.INVALID_GRANT.equals(ex.getError().getErrorCode())) {
			return;
		}
		if (event.getAuthentication() instanceof OAuth2RefreshTokenAuthenticationToken refresh
				&& wasRotated(refresh.getRefreshToken())) {
			ClientKind kind = kindOf(refresh.getPrincipal());
			this.metrics.refreshTokenReuse(kind);
			publish(AuditEventTypes.REFRESH_TOKEN_REUSE, refresh.getPrincipal(), kind);
		}
		else if (event.getAuthentication() instanceof OAuth2AuthorizationCodeAuthenticationToken code
				&& wasRedeemed(code.getCode())) {
			ClientKind kind = kindOf(code.getPrincipal());
			this.metrics.codeReplay(kind);
			publish(AuditEventTypes.AUTHORIZATION_CODE_REPLAY, code.getPrincipal(), kind);
		}
	}

	private boolean wasRotated(String refreshToken) {
		Instant until;
		synchronized (this.rotated) {
			until = this.rotated.get(digest(refreshToken));
		}
		return until != null && this.clock.instant().isBefore(until);
	}

	private boolean wasRedeemed(String code) {
		OAuth2Authorization authorization = this.authorizations.findByToken(code,
				new OAuth2TokenType(OAuth2ParameterNames.CODE));
		OAuth2Authorization.Token<OAuth2AuthorizationCode> token = (authorization != null)
				? authorization.getToken(OAuth2AuthorizationCode.class) : null;
		return token != null && token.isInvalidated();
	}

	private void publish(String type, Object client, ClientKind kind) {
		String clientId = (client instanceof OAuth2ClientAuthenticationToken authenticated
				&& authenticated.getRegisteredClient() != null) ? authenticated.getRegisteredClient().getClientId()
						: "unknown";
		this.events.publishEvent(new AuditApplicationEvent(new AuditEvent(clientId, type, AuditData.of()
			.with("client_id", clientId)
			.with("client_kind", kind.tag())
			.withRemoteAddress()
			.toMap())));
	}

	private static ClientKind kindOf(Object client) {
		return (client instanceof OAuth2ClientAuthenticationToken authenticated)
				? ClientKind.of(authenticated.getRegisteredClient()) : ClientKind.PRE_REGISTERED;
	}

	private static String digest(String value) {
		try {
			return Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}
