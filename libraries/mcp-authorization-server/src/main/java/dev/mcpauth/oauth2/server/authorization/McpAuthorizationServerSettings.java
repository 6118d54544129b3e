package dev.mcpauth.oauth2.server.authorization;

import java.time.Duration;
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
 * @param clientCredentials whether the client credentials grant (RFC 6749 §4.4) is offered to confidential clients
 * registered for it
 * @param dpop DPoP (RFC 9449) at the token endpoint
 */
public record McpAuthorizationServerSettings(Set<String> scopes, Set<String> defaultScopes,
		boolean dynamicClientRegistration, boolean clientCredentials, Dpop dpop) {

	public McpAuthorizationServerSettings {
		scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		defaultScopes = Collections.unmodifiableSet(new LinkedHashSet<>(defaultScopes));
		Assert.isTrue(scopes.containsAll(defaultScopes), "default scopes must be among the offered scopes");
		Assert.notNull(dpop, "dpop must not be null");
	}

	/** Without client credentials; DPoP on, no nonces. */
	public McpAuthorizationServerSettings(Set<String> scopes, Set<String> defaultScopes,
			boolean dynamicClientRegistration) {
		this(scopes, defaultScopes, dynamicClientRegistration, false, Dpop.DEFAULT);
	}

	/**
	 * DPoP (RFC 9449) at the token endpoint.
	 *
	 * @param enabled issue DPoP-bound tokens for requests with a valid proof and advertise
	 * {@code dpop_signing_alg_values_supported}; when off the {@code DPoP} header is ignored
	 * @param nonceRequired require a current server nonce in every proof (RFC 9449 §8)
	 * @param nonceLifetime how long a nonce is accepted
	 * @param nonceSecret HMAC key of the stateless nonces; blank for a random one per process
	 */
	public record Dpop(boolean enabled, boolean nonceRequired, Duration nonceLifetime, String nonceSecret) {

		/** DPoP on, no nonces. */
		public static final Dpop DEFAULT = new Dpop(true, false, Duration.ofMinutes(5), null);

		public Dpop {
			Assert.isTrue(nonceLifetime != null && !nonceLifetime.isNegative() && !nonceLifetime.isZero(),
					"the DPoP nonce lifetime must be positive");
		}

		@Override
		public String toString() {
			// the secret stays out of logs
			return "Dpop[enabled=" + this.enabled + ", nonceRequired=" + this.nonceRequired + ", nonceLifetime="
					+ this.nonceLifetime + "]";
		}

	}

}
