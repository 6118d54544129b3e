package dev.mcpauth.authserver.web.consent;

import java.util.Map;

/** The human sentence for each scope, from {@code auth-server.ui.scope-descriptions}. */
public final class ScopeDescriptions {

	private final Map<String, String> descriptions;

	public ScopeDescriptions(Map<String, String> descriptions) {
		this.descriptions = Map.copyOf(descriptions);
	}

	/** @return the configured description, or {@code null} when the operator configured none */
	public String describe(String scope) {
		return this.descriptions.get(scope);
	}

}
