package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MCP rules of the authorization server, under {@code mcp.authorization-server}: who the server is, which
 * resources and scopes it issues tokens for, and how Client ID Metadata Documents are fetched.
 *
 * @param issuer the RFC 8414 issuer identifier (required, no trailing slash); used verbatim in metadata,
 * {@code iss} claims and the RFC 9207 {@code iss} response parameter, never derived from the request's Host header
 * @param resources the protected resources (RFC 8707 {@code resource} values, exact match) tokens may be issued
 * for (required); any other value is {@code invalid_target}
 * @param scopes the scopes those resources offer; any other scope is {@code invalid_scope}
 * @param defaultScopes scopes granted when an authorization request carries no {@code scope} (OAuth 2.1 §1.4.1)
 * @param accessTokenTimeToLive lifetime of access tokens (short, MCP "Token Theft")
 * @param authorizationCodeTimeToLive lifetime of authorization codes (OAuth 2.1 §4.1.2: at most 10 minutes)
 * @param authorizationCleanupInterval how often authorizations whose every token expired are deleted from the JDBC
 * store ({@code 0s} disables)
 * @param dynamicClientRegistration open RFC 7591 registration of public clients at {@code /oauth2/register}
 * (MCP keeps it "for backwards compatibility"; turn it off where only CIMD and pre-registered clients may connect)
 * @param corsAllowedOrigins origins (patterns) whose browser-based clients may call the metadata, JWKS, token,
 * revocation and registration endpoints; credentials are never allowed; empty disables CORS
 * @param cimd Client ID Metadata Document handling
 * @param clients clients registered ahead of time (MCP "Preregistration"), written to the store at start-up: each
 * with {@code client-id} (never a URL), optional {@code client-secret} (none: a public PKCE client),
 * {@code client-name}, {@code redirect-uris}, {@code grant-types}, {@code token-endpoint-auth-method} and, for
 * {@code private_key_jwt}, {@code jwks} or {@code jwk-set-uri}
 * @param clientCredentials the OAuth 2.0 client credentials grant (RFC 6749 §4.4) for confidential pre-registered
 * clients, e.g. agents that act without a user (MCP authorization extension "client credentials")
 * @param dpop DPoP sender-constrained tokens (RFC 9449)
 */
@ConfigurationProperties("mcp.authorization-server")
public record McpAuthorizationServerProperties(
		String issuer,
		@DefaultValue List<String> resources,
		@DefaultValue("mcp:connect") List<String> scopes,
		@DefaultValue("mcp:connect") List<String> defaultScopes,
		@DefaultValue("5m") Duration accessTokenTimeToLive,
		@DefaultValue("5m") Duration authorizationCodeTimeToLive,
		@DefaultValue("10m") Duration authorizationCleanupInterval,
		@DefaultValue("true") boolean dynamicClientRegistration,
		@DefaultValue("*") List<String> corsAllowedOrigins,
		@DefaultValue Cimd cimd,
		@DefaultValue List<PreRegisteredClient> clients,
		@DefaultValue ClientCredentials clientCredentials,
		@DefaultValue Dpop dpop) {

	/**
	 * The client credentials grant (RFC 6749 §4.4).
	 *
	 * @param enabled offer the grant: {@code client_credentials} appears in {@code grant_types_supported} and
	 * confidential pre-registered clients whose {@code grant-types} name it may use it; when off the grant is
	 * refused with {@code unsupported_grant_type}
	 */
	public record ClientCredentials(@DefaultValue("false") boolean enabled) {
	}

	/**
	 * DPoP (RFC 9449) at the token endpoint.
	 *
	 * @param enabled issue DPoP-bound tokens ({@code token_type} {@code DPoP}, {@code cnf.jkt}) to token requests
	 * that carry a valid {@code DPoP} proof, and advertise {@code dpop_signing_alg_values_supported}; when off the
	 * {@code DPoP} header is ignored and Bearer tokens are issued
	 * @param nonceRequired require a server-provided {@code nonce} in every proof (RFC 9449 §8): a proof without a
	 * current one is answered with {@code use_dpop_nonce} and a {@code DPoP-Nonce} header
	 * @param nonceLifetime how long a nonce is accepted after it was issued
	 * @param nonceSecret the HMAC key nonces are made with (any string, at least 32 characters recommended); set the
	 * same value on every instance so that they accept each other's nonces; when blank a random key per process is
	 * used
	 */
	public record Dpop(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean nonceRequired,
			@DefaultValue("5m") Duration nonceLifetime, String nonceSecret) {

		@Override
		public String toString() {
			// the secret stays out of logs
			return "Dpop[enabled=" + this.enabled + ", nonceRequired=" + this.nonceRequired + ", nonceLifetime="
					+ this.nonceLifetime + "]";
		}

	}

	/**
	 * How Client ID Metadata Documents are fetched, checked and cached.
	 *
	 * @param allowHttpAndLoopback accept {@code http} CIMD URLs and loopback hosts; for local demos only, never in
	 * production (CIMD-00 §3 requires https, §6.5 warns against loopback fetches)
	 * @param connectTimeout connect timeout of a document fetch
	 * @param readTimeout total deadline of a document fetch (connect, TLS, request and response)
	 * @param maxDocumentBytes response size cap (CIMD-00 §6.6 recommends 5 KB)
	 * @param defaultCacheTtl how long a valid document is cached when it carries no {@code Cache-Control}
	 * @param minCacheTtl lower bound applied to the publisher's {@code max-age} (CIMD-00 §4.4 "MAY define bounds")
	 * @param maxCacheTtl upper bound applied to the publisher's {@code max-age} (SEP-991 recommends at most 24 hours)
	 * @param maxCachedDocuments bound on the number of documents (and failed hosts) kept in memory
	 * @param allowedHosts if set, only these hosts may publish documents: {@code example.com} or
	 * {@code *.example.com} (checklist AS-28, CIMD-00 §6.8 trust policy); checked before any DNS lookup
	 * @param deniedHosts hosts that may never publish documents, same syntax; wins over the allowlist
	 * @param developmentAllowlist special-use CIDR blocks a development setup may fetch from, in addition to
	 * loopback when {@code allow-http-and-loopback} is on (e.g. a container network); empty in production
	 * @param negativeCacheTtl how long a host that did not answer is not asked again ({@code 0s} disables)
	 * @param staleIfError how long after a successful fetch its copy may bridge a transient failure ({@code 0s}
	 * disables; RFC 5861 §4)
	 * @param sslBundle name of the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust material verifies
	 * the certificates of CIMD document hosts and {@code jwks_uri} hosts; when set, the JVM default trust store is not
	 * consulted for these fetches; when blank, the JVM default {@code SSLContext} is used
	 */
	public record Cimd(
			@DefaultValue("false") boolean allowHttpAndLoopback,
			@DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("5s") Duration readTimeout,
			@DefaultValue("5120") int maxDocumentBytes,
			@DefaultValue("5m") Duration defaultCacheTtl,
			@DefaultValue("5m") Duration minCacheTtl,
			@DefaultValue("24h") Duration maxCacheTtl,
			@DefaultValue("1000") int maxCachedDocuments,
			@DefaultValue List<String> allowedHosts,
			@DefaultValue List<String> deniedHosts,
			@DefaultValue List<String> developmentAllowlist,
			@DefaultValue("10s") Duration negativeCacheTtl,
			@DefaultValue("1h") Duration staleIfError,
			String sslBundle) {
	}

	/**
	 * A client registered in configuration. Without a secret (and without {@code private_key_jwt}) it is a public
	 * client ({@code none}, PKCE only).
	 *
	 * @param clientId the client identifier; must not look like a URL (CIMD-01 §6.9)
	 * @param clientSecret the secret ({@code {noop}}, {@code {bcrypt}} ... prefixes as in Spring Security, or
	 * {@code {sha256}} and the hex SHA-256 of a high-entropy secret), or empty for a public client; a
	 * {@code {noop}} secret is stored as a SHA-256 digest or a BCrypt hash on first use
	 * ({@code mcp.authorization-server.client-secrets})
	 * @param clientName shown to the user
	 * @param redirectUris registered redirect URIs (exact match; any port for loopback ones); may be empty for a
	 * client whose only grant is {@code client_credentials}
	 * @param grantTypes {@code authorization_code}, {@code refresh_token}, {@code client_credentials} (default the
	 * first two); {@code client_credentials} needs a confidential authentication method
	 * @param tokenEndpointAuthMethod {@code client_secret_basic}, {@code client_secret_post},
	 * {@code private_key_jwt} or {@code none} (one or several); default {@code client_secret_basic} and
	 * {@code client_secret_post} when a secret is set, else {@code none}
	 * @param jwks the client's public keys as a JSON JWK Set string, for {@code private_key_jwt} (RFC 7523); used as
	 * is, never fetched
	 * @param jwkSetUri where the client publishes its JWK Set, for {@code private_key_jwt}; fetched through the
	 * hardened CIMD fetcher (same URL and address policy as Client ID Metadata Documents)
	 */
	public record PreRegisteredClient(String clientId, String clientSecret, String clientName,
			List<String> redirectUris, List<String> grantTypes, List<String> tokenEndpointAuthMethod, String jwks,
			String jwkSetUri) {

		public PreRegisteredClient {
			redirectUris = (redirectUris != null) ? List.copyOf(redirectUris) : List.of();
			grantTypes = (grantTypes != null && !grantTypes.isEmpty()) ? List.copyOf(grantTypes)
					: List.of("authorization_code", "refresh_token");
			tokenEndpointAuthMethod = (tokenEndpointAuthMethod != null) ? List.copyOf(tokenEndpointAuthMethod)
					: List.of();
		}

		@Override
		public String toString() {
			// the secret stays out of logs
			return "PreRegisteredClient[clientId=" + this.clientId + ", grantTypes=" + this.grantTypes
					+ ", tokenEndpointAuthMethod=" + this.tokenEndpointAuthMethod + "]";
		}

	}

}
