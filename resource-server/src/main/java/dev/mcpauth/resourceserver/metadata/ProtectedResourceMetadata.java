package dev.mcpauth.resourceserver.metadata;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The RFC 9728 section 2 document. Only what this server really offers is listed: no
 * {@code tls_client_certificate_bound_access_tokens}, no signed metadata, and (MCP "Scope Selection Strategy",
 * security best practices "Scope Minimization") only the base scope in {@code scopes_supported}; further scopes are
 * asked for by {@code insufficient_scope} challenges.
 */
public record ProtectedResourceMetadata(
		String resource,
		@JsonProperty("authorization_servers") List<String> authorizationServers,
		@JsonProperty("scopes_supported") List<String> scopesSupported,
		@JsonProperty("bearer_methods_supported") List<String> bearerMethodsSupported,
		@JsonProperty("resource_name") String resourceName) {

}
