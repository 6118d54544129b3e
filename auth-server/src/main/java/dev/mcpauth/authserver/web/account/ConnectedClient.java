package dev.mcpauth.authserver.web.account;

import java.time.Instant;
import java.util.List;

import dev.mcpauth.authserver.web.consent.ClientPresentation;

/**
 * A client holding a grant of the signed-in user.
 *
 * @param registeredClientId the stored client's id (what the revoke form names)
 * @param client how the client is introduced (name, CIMD host, trusted or not)
 * @param scopes the scopes granted, with their descriptions
 * @param resources the MCP servers its tokens are for
 * @param grantedAt when the first of its current grants was issued, or {@code null} when only a consent is left
 * @param lastUsed when it last obtained a token (code redemption or refresh), or {@code null}
 * @param activeGrants how many authorizations (each with its refresh token) revoking removes
 */
public record ConnectedClient(String registeredClientId, ClientPresentation client, List<GrantedScope> scopes,
		List<String> resources, Instant grantedAt, Instant lastUsed, int activeGrants) {

	/** A granted scope and its configured description ({@code null} if none). */
	public record GrantedScope(String name, String description) {
	}

}
