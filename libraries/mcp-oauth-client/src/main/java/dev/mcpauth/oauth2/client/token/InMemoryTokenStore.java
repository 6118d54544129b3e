package dev.mcpauth.oauth2.client.token;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tokens in memory only: they live as long as the client, and every new process authorizes afresh. */
public final class InMemoryTokenStore implements TokenStore {

	private final Map<Key, TokenSet> tokens = new ConcurrentHashMap<>();

	@Override
	public Optional<TokenSet> get(Key key) {
		return Optional.ofNullable(this.tokens.get(key));
	}

	@Override
	public void put(Key key, TokenSet tokenSet) {
		this.tokens.put(key, tokenSet);
	}

	@Override
	public void remove(Key key) {
		this.tokens.remove(key);
	}

}
