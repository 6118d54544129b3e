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
 */
public record TokenSet(String accessToken, Set<String> grantedScopes, Set<String> requestedScopes, Instant expiresAt,
		String refreshToken) {

	public boolean isExpired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	@Override
	public String toString() {
		return "TokenSet[scopes=" + this.grantedScopes + ", expiresAt=" + this.expiresAt + ", tokens=(hidden)]";
	}

}
