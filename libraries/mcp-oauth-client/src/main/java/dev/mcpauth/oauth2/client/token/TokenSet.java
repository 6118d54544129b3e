package dev.mcpauth.oauth2.client.token;

import java.time.Instant;
import java.util.Set;

/**
 * What the token endpoint issued (OAuth 2.1 section 3.2.3), as the client keeps it.
 *
 * @param grantedScopes the response {@code scope}, or the requested scopes when the server omitted it (RFC 6749
 * section 5.1: omitted means "identical to the scope requested")
 * @param expiresAt {@code null} when the server gave no {@code expires_in}
 * @param refreshToken {@code null} when none was issued
 * @param tokenType {@code Bearer}, or {@code DPoP} for a token bound to the client's DPoP key (RFC 9449 section 5),
 * as the response's {@code token_type} said (case-insensitively)
 */
public record TokenSet(String accessToken, Set<String> grantedScopes, Set<String> requestedScopes, Instant expiresAt,
		String refreshToken, String tokenType) {

	public static final String BEARER = "Bearer";

	public static final String DPOP = "DPoP";

	/** A Bearer token. */
	public TokenSet(String accessToken, Set<String> grantedScopes, Set<String> requestedScopes, Instant expiresAt,
			String refreshToken) {
		this(accessToken, grantedScopes, requestedScopes, expiresAt, refreshToken, BEARER);
	}

	/** Whether the token is DPoP-bound: sent as {@code Authorization: DPoP} with a proof (RFC 9449 section 7.1). */
	public boolean isDpop() {
		return DPOP.equalsIgnoreCase(this.tokenType);
	}

	public boolean isExpired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	@Override
	public String toString() {
		return "TokenSet[type=" + this.tokenType + ", scopes=" + this.grantedScopes + ", expiresAt=" + this.expiresAt + ", tokens=(hidden)]";
	}

}
