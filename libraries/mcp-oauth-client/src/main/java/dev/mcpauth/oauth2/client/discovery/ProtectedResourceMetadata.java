package dev.mcpauth.oauth2.client.discovery;

import java.util.List;

/**
 * The members of an RFC 9728 protected resource metadata document that the client uses.
 *
 * @param location where the document was found
 * @param resource the protected resource identifier, already checked against the expected one (RFC 9728 section 3.3)
 * @param authorizationServers issuer identifiers, used verbatim as the expected {@code issuer} (checklist section 2.2)
 * @param scopesSupported {@code null} when the member is absent (then the scope parameter is omitted, CL-18)
 */
public record ProtectedResourceMetadata(String location, String resource, List<String> authorizationServers,
		List<String> scopesSupported) {

	/** RFC 9728 section 7.6 leaves the choice to the client: this client uses the first listed server (CL-04). */
	public String chosenAuthorizationServer() {
		return this.authorizationServers.get(0);
	}

}
