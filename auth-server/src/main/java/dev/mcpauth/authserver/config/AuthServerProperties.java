package dev.mcpauth.authserver.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the authorization server needs to know about itself, its resources and its clients.
 *
 * @param issuer the RFC 8414 issuer identifier; used verbatim in metadata, {@code iss} claims and the RFC 9207
 * {@code iss} response parameter, never derived from the request's Host header
 * @param resources the protected resources (RFC 8707 {@code resource} values) tokens may be issued for
 * @param scopes the scopes those resources offer; any other scope is {@code invalid_scope}
 * @param defaultScopes granted when an authorization request carries no {@code scope} (OAuth 2.1 §1.4.1)
 * @param accessTokenTimeToLive lifetime of access tokens (short, MCP "Token Theft")
 * @param authorizationCodeTimeToLive lifetime of authorization codes (OAuth 2.1 §4.1.2: at most 10 minutes)
 * @param dynamicClientRegistration open RFC 7591 registration of public clients at {@code /oauth2/register}
 * (MCP keeps it "for backwards compatibility"; turn it off where only CIMD and pre-registered clients may connect)
 * @param corsAllowedOrigins origins (patterns) whose browser-based clients may call the metadata, JWKS, token,
 * revocation and registration endpoints; credentials are never allowed; empty disables CORS
 * @param cimd Client ID Metadata Document handling
 * @param clients clients registered ahead of time (MCP "Preregistration")
 */
@ConfigurationProperties("auth-server")
public record AuthServerProperties(
		@DefaultValue("http://localhost:9000") String issuer,
		@DefaultValue("http://localhost:8001/mcp") List<String> resources,
		@DefaultValue({ "mcp:connect", "weather:read" }) List<String> scopes,
		@DefaultValue("mcp:connect") List<String> defaultScopes,
		@DefaultValue("5m") Duration accessTokenTimeToLive,
		@DefaultValue("5m") Duration authorizationCodeTimeToLive,
		@DefaultValue("true") boolean dynamicClientRegistration,
		@DefaultValue("*") List<String> corsAllowedOrigins,
		@DefaultValue Cimd cimd,
		@DefaultValue List<PreRegisteredClient> clients) {

	/**
	 * @param allowHttpAndLoopback accept {@code http} CIMD URLs and loopback hosts; for local demos only, never
	 * in production (CIMD-00 §3 requires https, §6.5 warns against loopback fetches)
	 * @param connectTimeout connect timeout of the default fetcher
	 * @param readTimeout whole-request timeout of the default fetcher
	 * @param maxDocumentBytes response size cap (CIMD-00 §6.6 recommends 5 KB)
	 * @param defaultCacheTtl how long a valid document is cached when it carries no {@code Cache-Control}
	 * @param minCacheTtl lower bound applied to the publisher's {@code max-age} (CIMD-00 §4.4 "MAY define bounds")
	 * @param maxCacheTtl upper bound (SEP-991 recommends at most 24 hours)
	 * @param maxCachedDocuments bound on the in-memory cache size
	 */
	public record Cimd(
			@DefaultValue("false") boolean allowHttpAndLoopback,
			@DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("5s") Duration readTimeout,
			@DefaultValue("5120") int maxDocumentBytes,
			@DefaultValue("5m") Duration defaultCacheTtl,
			@DefaultValue("5m") Duration minCacheTtl,
			@DefaultValue("24h") Duration maxCacheTtl,
			@DefaultValue("1000") int maxCachedDocuments) {
	}

	/**
	 * A client registered in configuration. Without a secret it is a public client ({@code none}, PKCE only).
	 *
	 * @param clientId the client identifier; should not start with {@code https://} (CIMD-01 §6.9)
	 * @param clientSecret the secret ({@code {noop}}, {@code {bcrypt}} ... prefixes as in Spring Security), or
	 * empty for a public client
	 * @param clientName shown to the user
	 * @param redirectUris registered redirect URIs (exact match; any port for loopback ones)
	 */
	public record PreRegisteredClient(String clientId, String clientSecret, String clientName,
			List<String> redirectUris) {

		public PreRegisteredClient {
			redirectUris = (redirectUris != null) ? List.copyOf(redirectUris) : List.of();
		}

	}

}
