package dev.mcpauth.oauth2.client.discovery;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header (RFC 9110 section 11.6.1): a scheme, and either a
 * token68 or auth-params. Parameter names are stored lower-cased because they are case-insensitive (RFC 9110 section
 * 11.2); values are kept as sent (a quoted-string is already unescaped).
 */
public record Challenge(String scheme, String token68, Map<String, String> params) {

	public Challenge {
		params = Map.copyOf(params);
	}

	public boolean isScheme(String name) {
		return this.scheme.equalsIgnoreCase(name);
	}

	public Optional<String> param(String name) {
		return Optional.ofNullable(this.params.get(name.toLowerCase(Locale.ROOT)));
	}

}
