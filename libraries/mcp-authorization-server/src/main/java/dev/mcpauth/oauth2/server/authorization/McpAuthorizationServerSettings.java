package dev.mcpauth.oauth2.server.authorization;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * The MCP choices of an authorization server that Spring's {@code AuthorizationServerSettings} has no place for.
 * {@link McpAuthorizationServerConfigurer} reads the bean of this type; the Boot auto-configuration builds it from
 * {@code mcp.authorization-server.*}.
 *
 * @param scopes the scopes the protected resources offer ({@code scopes_supported}); any other is
 * {@code invalid_scope}
 * @param defaultScopes granted when an authorization request carries no {@code scope} (OAuth 2.1 §1.4.1)
 * @param dynamicClientRegistration whether open RFC 7591 registration of public clients is offered
 */
public record McpAuthorizationServerSettings(Set<String> scopes, Set<String> defaultScopes,
		boolean dynamicClientRegistration) {

	public McpAuthorizationServerSettings {
		scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		defaultScopes = Collections.unmodifiableSet(new LinkedHashSet<>(defaultScopes));
		Assert.isTrue(scopes.containsAll(defaultScopes), "default scopes must be among the offered scopes");
	}

}
