package dev.mcpauth.oauth2.server.resource.session;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who an MCP session belongs to: the token's subject and the client it was issued to. MCP security best practices
 * suggest keying sessions by {@code <user_id>:<session_id>}; adding the client keeps one user's two clients apart.
 *
 * @param subject the token's {@code sub}
 * @param clientId the token's {@code client_id} (RFC 9068 section 2.2), or {@code azp}, or empty
 */
public record SessionOwner(String subject, String clientId) {

	public static SessionOwner of(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken jwtAuthentication) {
			Jwt jwt = jwtAuthentication.getToken();
			return new SessionOwner(String.valueOf(jwt.getSubject()), clientIdOf(jwt));
		}
		return new SessionOwner(authentication.getName(), "");
	}

	/** RFC 9068 section 2.2 names the claim {@code client_id}; OpenID Connect uses {@code azp}. */
	public static String clientIdOf(Jwt jwt) {
		String clientId = jwt.getClaimAsString("client_id");
		if (clientId == null) {
			clientId = jwt.getClaimAsString("azp");
		}
		return clientId == null ? "" : clientId;
	}

}
