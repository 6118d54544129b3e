package dev.mcpauth.client.token;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens in memory only, keyed by (resource, issuer): a token is presented only to the resource it was requested
 * for, and only if it came from that resource's current authorization server (CL-23). Replacing an entry discards
 * the previous refresh token (CL-24, OAuth 2.1 section 4.3.2).
 */
public final class TokenStore {

	public record Key(String resource, String issuer) {
	}

	private final Map<Key, TokenSet> tokens = new ConcurrentHashMap<>();

	public Optional<TokenSet> get(Key key) {
		return Optional.ofNullable(this.tokens.get(key));
	}

	public void put(Key key, TokenSet tokenSet) {
		this.tokens.put(key, tokenSet);
	}

	public void remove(Key key) {
		this.tokens.remove(key);
	}

}
