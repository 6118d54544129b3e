package dev.mcpauth.resourceserver.scope;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;

/**
 * Names of the scopes this resource server knows, so that a typo is a compile error rather than a silent denial.
 */
public final class Scopes {

	/**
	 * The base scope: needed for any MCP request and the only one advertised in the PRM's {@code scopes_supported}
	 * (MCP "Scope Selection Strategy"; security best practices "Scope Minimization").
	 */
	public static final String CONNECT = "mcp:connect";

	/** Needed by the {@code get_weather} tool, obtained by step-up authorization. */
	public static final String WEATHER_READ = "weather:read";

	/** Spring Security's prefix for authorities built from the token's {@code scope} claim. */
	static final String AUTHORITY_PREFIX = "SCOPE_";

	private Scopes() {
	}

	/**
	 * The scopes granted to a caller, read from the authorities Spring Security built from the token's {@code scope}
	 * claim (a space-separated string per RFC 9068 section 2.2.3, or a JSON array as Spring Authorization Server
	 * writes it).
	 */
	public static Set<String> granted(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority != null && authority.startsWith(AUTHORITY_PREFIX))
			.map(authority -> authority.substring(AUTHORITY_PREFIX.length()))
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

}
