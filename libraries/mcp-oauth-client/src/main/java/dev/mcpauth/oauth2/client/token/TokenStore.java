package dev.mcpauth.oauth2.client.token;

import java.util.Optional;

/**
 * Where the client keeps its tokens, keyed by (resource, issuer): a token is presented only to the resource it was
 * requested for, and only if it came from that resource's current authorization server (CL-23). Replacing an entry
 * discards the previous refresh token (CL-24, OAuth 2.1 section 4.3.2). The default is {@link InMemoryTokenStore};
 * an implementation that persists tokens must protect them as the secrets they are.
 */
public interface TokenStore {

	/** The MCP server's canonical resource URI and the issuer of its authorization server. */
	record Key(String resource, String issuer) {
	}

	Optional<TokenSet> get(Key key);

	void put(Key key, TokenSet tokenSet);

	void remove(Key key);

}
