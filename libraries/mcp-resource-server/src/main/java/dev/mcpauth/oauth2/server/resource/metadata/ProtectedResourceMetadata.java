package dev.mcpauth.oauth2.server.resource.metadata;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The RFC 9728 section 2 document. Only what this server really offers is listed: no
 * {@code tls_client_certificate_bound_access_tokens}, no signed metadata, and (MCP "Scope Selection Strategy",
 * security best practices "Scope Minimization") only the base scope in {@code scopes_supported}; further scopes are
 * asked for by {@code insufficient_scope} challenges.
 *
 * @param resource the canonical resource URI
 * @param authorizationServers issuers of the authorization servers whose tokens are accepted
 * @param scopesSupported scopes advertised to clients
 * @param bearerMethodsSupported how tokens may be presented ({@code header} only)
 * @param resourceName human-readable name, omitted when {@code null}
 */
public record ProtectedResourceMetadata(
		String resource,
		@JsonProperty("authorization_servers") List<String> authorizationServers,
		@JsonProperty("scopes_supported") List<String> scopesSupported,
		@JsonProperty("bearer_methods_supported") List<String> bearerMethodsSupported,
		@JsonProperty("resource_name") @JsonInclude(JsonInclude.Include.NON_NULL) String resourceName) {

	public ProtectedResourceMetadata {
		authorizationServers = List.copyOf(authorizationServers);
		scopesSupported = List.copyOf(scopesSupported);
		bearerMethodsSupported = List.copyOf(bearerMethodsSupported);
	}

	/**
	 * A builder starting from this document, for metadata customizers. The {@code resource} cannot be changed: it
	 * must stay the canonical URI every token's audience is checked against.
	 * @return a builder holding this document's values
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/** Changes the lists and the name of a {@link ProtectedResourceMetadata}; the resource stays fixed. */
	public static final class Builder {

		private final String resource;

		private final List<String> authorizationServers;

		private final List<String> scopesSupported;

		private final List<String> bearerMethodsSupported;

		private String resourceName;

		private Builder(ProtectedResourceMetadata metadata) {
			this.resource = metadata.resource();
			this.authorizationServers = new ArrayList<>(metadata.authorizationServers());
			this.scopesSupported = new ArrayList<>(metadata.scopesSupported());
			this.bearerMethodsSupported = new ArrayList<>(metadata.bearerMethodsSupported());
			this.resourceName = metadata.resourceName();
		}

		/** @return the issuers, modifiable */
		public List<String> authorizationServers() {
			return this.authorizationServers;
		}

		/** @return the advertised scopes, modifiable */
		public List<String> scopesSupported() {
			return this.scopesSupported;
		}

		/** @return the bearer methods, modifiable */
		public List<String> bearerMethodsSupported() {
			return this.bearerMethodsSupported;
		}

		/**
		 * @param resourceName the {@code resource_name}, or {@code null} to omit it
		 * @return this builder
		 */
		public Builder resourceName(String resourceName) {
			this.resourceName = resourceName;
			return this;
		}

		/** @return the document */
		public ProtectedResourceMetadata build() {
			return new ProtectedResourceMetadata(this.resource, this.authorizationServers, this.scopesSupported,
					this.bearerMethodsSupported, this.resourceName);
		}

	}

}
