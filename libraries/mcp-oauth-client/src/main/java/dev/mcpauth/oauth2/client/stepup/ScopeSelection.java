package dev.mcpauth.oauth2.client.stepup;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mcpauth.oauth2.client.token.TokenEndpointClient;

/**
 * The MCP scope selection strategy (CL-18, CL-19; checklist section 4) and the step-up scope set (CL-20).
 */
public final class ScopeSelection {

	private ScopeSelection() {
	}

	/**
	 * Initial authorization: the challenge's {@code scope} if any (authoritative, not filtered by
	 * {@code scopes_supported}), else all of the PRM's {@code scopes_supported}, else none, which omits the
	 * {@code scope} parameter.
	 */
	public static Set<String> initial(String challengeScope, List<String> scopesSupported) {
		if (challengeScope != null && !challengeScope.isBlank()) {
			return TokenEndpointClient.scopes(challengeScope);
		}
		if (scopesSupported != null) {
			return new LinkedHashSet<>(scopesSupported);
		}
		return new LinkedHashSet<>();
	}

	/**
	 * Step-up: previously requested scopes united with the challenged ones. Conformant with 2025-11-25 (which asks for
	 * the challenged set) and with SEP-2350, and robust against servers that challenge only the missing scope.
	 */
	public static Set<String> union(Set<String> previous, String challengedScope) {
		Set<String> result = new LinkedHashSet<>(previous);
		result.addAll(TokenEndpointClient.scopes(challengedScope));
		return result;
	}

	/** The {@code scope} parameter value, or {@code null} to omit it. */
	public static String parameter(Set<String> scopes) {
		return scopes.isEmpty() ? null : String.join(" ", scopes);
	}

}
