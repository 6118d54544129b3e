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
 * @param dpopSigningAlgValuesSupported the DPoP proof algorithms accepted (RFC 9728 section 2), omitted when empty
 * (DPoP disabled)
 * @param dpopBoundAccessTokensRequired whether only DPoP-bound tokens are accepted (RFC 9728 section 2), omitted
 * when {@code false} (RFC 9728 section 3.2: zero values are omitted)
 */
public record ProtectedResourceMetadata(
		String resource,
		@JsonProperty("authorization_servers") List<String> authorizationServers,
		@JsonProperty("scopes_supported") List<String> scopesSupported,
		@JsonProperty("bearer_methods_supported") List<String> bearerMethodsSupported,
		@JsonProperty("resource_name") @JsonInclude(JsonInclude.Include.NON_NULL) String resourceName,
		@JsonProperty("dpop_signing_alg_values_supported") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> dpopSigningAlgValuesSupported,
		@JsonProperty("dpop_bound_access_tokens_required") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean dpopBoundAccessTokensRequired) {

	public ProtectedResourceMetadata {
		authorizationServers = List.copyOf(authorizationServers);
		scopesSupported = List.copyOf(scopesSupported);
		bearerMethodsSupported = List.copyOf(bearerMethodsSupported);
		dpopSigningAlgValuesSupported = dpopSigningAlgValuesSupported == null ? List.of()
				: List.copyOf(dpopSigningAlgValuesSupported);
	}

	/**
	 * A document without DPoP parameters.
	 * @param resource the canonical resource URI
	 * @param authorizationServers issuers of the authorization servers whose tokens are accepted
	 * @param scopesSupported scopes advertised to clients
	 * @param bearerMethodsSupported how tokens may be presented
	 * @param resourceName human-readable name, omitted when {@code null}
	 */
	public ProtectedResourceMetadata(String resource, List<String> authorizationServers, List<String> scopesSupported,
			List<String> bearerMethodsSupported, String resourceName) {
		this(resource, authorizationServers, scopesSupported, bearerMethodsSupported, resourceName, List.of(), false);
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

		private final List<String> dpopSigningAlgValuesSupported;

		private boolean dpopBoundAccessTokensRequired;

		private Builder(ProtectedResourceMetadata metadata) {
			this.resource = metadata.resource();
			this.authorizationServers = new ArrayList<>(metadata.authorizationServers());
			this.scopesSupported = new ArrayList<>(metadata.scopesSupported());
			this.bearerMethodsSupported = new ArrayList<>(metadata.bearerMethodsSupported());
			this.resourceName = metadata.resourceName();
			this.dpopSigningAlgValuesSupported = new ArrayList<>(metadata.dpopSigningAlgValuesSupported());
			this.dpopBoundAccessTokensRequired = metadata.dpopBoundAccessTokensRequired();
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

		/** @return the DPoP proof algorithms, modifiable; empty to omit the parameter */
		public List<String> dpopSigningAlgValuesSupported() {
			return this.dpopSigningAlgValuesSupported;
		}

		/**
		 * @param required whether only DPoP-bound tokens are accepted
		 * @return this builder
		 */
		public Builder dpopBoundAccessTokensRequired(boolean required) {
			this.dpopBoundAccessTokensRequired = required;
			return this;
		}

		/** @return the document */
		public ProtectedResourceMetadata build() {
			return new ProtectedResourceMetadata(this.resource, this.authorizationServers, this.scopesSupported,
					this.bearerMethodsSupported, this.resourceName, this.dpopSigningAlgValuesSupported,
					this.dpopBoundAccessTokensRequired);
		}

	}

}
