package dev.mcpauth.oauth2.server.resource.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.mcpauth.oauth2.server.resource.scope.Scopes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What an MCP server protected as an OAuth 2.1 resource server must be told rather than guess. The canonical
 * resource URI and the issuer are configured, never derived from the {@code Host} header (checklist section 7,
 * item 19), and are checked at startup so that a misconfiguration fails fast instead of refusing every token.
 *
 * @param resource Canonical resource URI of this MCP server (RFC 8707, MCP "Canonical Server URI"): the protected
 * resource metadata {@code resource} and the audience every access token must carry. Absolute http(s), no query, no
 * fragment, no trailing slash; kept as the configured string so that it stays byte-identical everywhere. Required.
 * @param issuer Issuer identifier of the one trusted authorization server: the required token {@code iss} and the
 * metadata {@code authorization_servers}. Required.
 * @param jwkSetUri Where the authorization server's signing keys are fetched; defaults to the issuer followed by
 * {@code /oauth2/jwks} (Spring Authorization Server's location). Set it when the keys are reached through another
 * host name, e.g. inside a container network.
 * @param resourceName Human-readable name of the server, published as the metadata {@code resource_name} (RFC 9728
 * section 2); omitted when not set.
 * @param baseScope Scope every MCP request needs, sent in the 401 challenge and the only one advertised in the
 * metadata {@code scopes_supported} (MCP "Scope Selection Strategy"); tools ask for more with {@code @RequiredScope}.
 * @param allowedOrigins Browser origins allowed to call the MCP endpoint ({@code Origin} check of the Streamable HTTP
 * transport); empty means the resource's own origin, plus any loopback origin when the resource is on a loopback
 * host.
 * @param clockSkew Tolerance applied to the token {@code exp} and {@code nbf} claims, between 0 and 5 minutes.
 * @param maxRequestSize Largest JSON-RPC request body read for the per-tool scope check; larger bodies get 413.
 * @param sessionIdleTimeout Idle time after which an MCP session, and the binding to the caller who created it, is
 * forgotten.
 * @param tokenCacheSize How many validated access tokens are remembered (by their exact string, never past their
 * {@code exp}) so that a client sending the same token on every call pays for the signature check once.
 * @param jwkSetSslBundle Name of the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust material
 * verifies the certificate of the {@code jwk-set-uri} host; when set, the JVM default trust store is not consulted
 * for that fetch; when not set, the JVM default applies.
 */
@ConfigurationProperties(McpResourceServerProperties.PREFIX)
public record McpResourceServerProperties(
		String resource,
		String issuer,
		String jwkSetUri,
		String resourceName,
		@DefaultValue(Scopes.CONNECT) String baseScope,
		@DefaultValue List<String> allowedOrigins,
		@DefaultValue("30s") Duration clockSkew,
		@DefaultValue("256KB") DataSize maxRequestSize,
		@DefaultValue("1h") Duration sessionIdleTimeout,
		@DefaultValue("4096") int tokenCacheSize,
		String jwkSetSslBundle) {

	/** The prefix of every key of this record. */
	public static final String PREFIX = "mcp.resource-server";

	public McpResourceServerProperties {
		requireCanonicalUri(PREFIX + ".resource", resource);
		requireCanonicalUri(PREFIX + ".issuer", issuer);
		if (jwkSetUri == null || jwkSetUri.isBlank()) {
			jwkSetUri = issuer + "/oauth2/jwks";
		}
		requireAbsoluteHttpUri(PREFIX + ".jwk-set-uri", jwkSetUri);
		if (resourceName != null && resourceName.isBlank()) {
			resourceName = null;
		}
		if (baseScope == null || !Scopes.isScopeToken(baseScope)) {
			throw new IllegalArgumentException(PREFIX + ".base-scope must be one OAuth scope token");
		}
		allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
		if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalArgumentException(PREFIX + ".clock-skew must be between 0 and 5 minutes");
		}
		if (maxRequestSize == null || maxRequestSize.toBytes() < 1) {
			throw new IllegalArgumentException(PREFIX + ".max-request-size must be positive");
		}
		if (sessionIdleTimeout == null || sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
			throw new IllegalArgumentException(PREFIX + ".session-idle-timeout must be positive");
		}
		if (tokenCacheSize < 1) {
			throw new IllegalArgumentException(PREFIX + ".token-cache-size must be at least 1");
		}
	}

	/**
	 * The required keys only; everything else takes its default.
	 * @param resource The canonical resource URI
	 * @param issuer The trusted issuer
	 * @return properties as if only these two keys were set
	 */
	public static McpResourceServerProperties of(String resource, String issuer) {
		return new McpResourceServerProperties(resource, issuer, null, null, Scopes.CONNECT, List.of(),
				Duration.ofSeconds(30), DataSize.ofKilobytes(256), Duration.ofHours(1), 4096, null);
	}

	/**
	 * A copy with another JWK set URI.
	 * @param jwkSetUri Where signing keys are fetched
	 * @return the copy
	 */
	public McpResourceServerProperties withJwkSetUri(String jwkSetUri) {
		return new McpResourceServerProperties(this.resource, this.issuer, jwkSetUri, this.resourceName,
				this.baseScope, this.allowedOrigins, this.clockSkew, this.maxRequestSize, this.sessionIdleTimeout,
				this.tokenCacheSize, this.jwkSetSslBundle);
	}

	/**
	 * MCP "Canonical Server URI": absolute, no fragment, and no trailing slash, because RFC 9728 section 3.3 and
	 * RFC 8707 compare these strings code point by code point.
	 */
	private static void requireCanonicalUri(String key, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(key + " must be set");
		}
		URI uri = requireAbsoluteHttpUri(key, value);
		if (uri.getRawFragment() != null || uri.getRawQuery() != null) {
			throw new IllegalArgumentException(key + " must have no query and no fragment: " + value);
		}
		if (value.endsWith("/")) {
			throw new IllegalArgumentException(key + " must not end with '/': " + value);
		}
	}

	private static URI requireAbsoluteHttpUri(String key, String value) {
		try {
			URI uri = new URI(value);
			if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
					|| uri.getHost() == null) {
				throw new IllegalArgumentException(key + " must be an absolute http(s) URI: " + value);
			}
			return uri;
		}
		catch (java.net.URISyntaxException | IllegalArgumentException ex) {
			throw new IllegalArgumentException(key + " is not a valid URI: " + value, ex);
		}
	}

}
