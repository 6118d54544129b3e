package dev.mcpauth.resourceserver.scope;

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

}
