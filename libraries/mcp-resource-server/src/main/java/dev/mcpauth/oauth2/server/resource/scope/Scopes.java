package dev.mcpauth.oauth2.server.resource.scope;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.core.GrantedAuthority;

/**
 * The default base scope and reading granted scopes from Spring Security's authorities.
 */
public final class Scopes {

	/**
	 * The default base scope ({@code mcp.resource-server.base-scope}): needed for any MCP request and the only one
	 * advertised in the PRM's {@code scopes_supported} (MCP "Scope Selection Strategy"; security best practices
	 * "Scope Minimization").
	 */
	public static final String CONNECT = "mcp:connect";

	/** RFC 6749 section 3.3 scope-token: printable ASCII without space, {@code "} and {@code \}. */
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	/** Spring Security's prefix for authorities built from the token's {@code scope} claim. */
	static final String AUTHORITY_PREFIX = "SCOPE_";

	private Scopes() {
	}

	/**
	 * @param scope a candidate scope
	 * @return whether it is one RFC 6749 section 3.3 {@code scope-token}
	 */
	public static boolean isScopeToken(String scope) {
		return scope != null && SCOPE_TOKEN.matcher(scope).matches();
	}

	/**
	 * The scopes granted to a caller, read from the authorities Spring Security built from the token's {@code scope}
	 * claim (a space-separated string per RFC 9068 section 2.2.3, or a JSON array as Spring Authorization Server
	 * writes it).
	 */
	public static Set<String> granted(Collection<? extends GrantedAuthority> authorities) {
		Set<String> scopes = new LinkedHashSet<>();
		for (GrantedAuthority granted : authorities) {
			String authority = granted.getAuthority();
			if (authority != null && authority.startsWith(AUTHORITY_PREFIX)) {
				scopes.add(authority.substring(AUTHORITY_PREFIX.length()));
			}
		}
		return scopes;
	}

}
