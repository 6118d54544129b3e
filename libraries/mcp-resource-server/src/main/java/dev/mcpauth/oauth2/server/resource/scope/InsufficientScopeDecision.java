package dev.mcpauth.oauth2.server.resource.scope;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.security.authorization.AuthorizationDecision;

/**
 * A denial because the access token lacks a scope, carrying what the {@code insufficient_scope} challenge must name
 * (read by {@link dev.mcpauth.oauth2.server.resource.challenge.BearerAccessDeniedHandler}).
 */
public final class InsufficientScopeDecision extends AuthorizationDecision {

	private final Set<String> challengeScopes;

	private final String description;

	/**
	 * @param challengeScopes the scopes to put in the challenge: the relevant scopes the token already has plus the
	 * missing ones (MCP "Scope Challenge Handling", recommended approach), in a stable order
	 * @param description a short {@code error_description}
	 */
	InsufficientScopeDecision(Set<String> challengeScopes, String description) {
		super(false);
		this.challengeScopes = Collections.unmodifiableSet(new LinkedHashSet<>(challengeScopes));
		this.description = description;
	}

	public Set<String> challengeScopes() {
		return this.challengeScopes;
	}

	public String description() {
		return this.description;
	}

}
