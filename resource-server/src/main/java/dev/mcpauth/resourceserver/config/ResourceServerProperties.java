package dev.mcpauth.resourceserver.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything this resource server must be told rather than guess. The canonical resource URI and the issuer are
 * configured, never derived from the {@code Host} header (checklist section 7, item 19).
 *
 * @param resource canonical resource URI (RFC 8707, MCP "Canonical Server URI"): PRM {@code resource} and the
 * required token {@code aud}; kept as the configured string so that it stays byte-identical everywhere
 * @param issuer the one trusted authorization server (token {@code iss}, PRM {@code authorization_servers})
 * @param jwkSetUri where signing keys are fetched; defaults to {@code issuer + "/oauth2/jwks"}
 * @param resourceName human-readable name for the PRM {@code resource_name} (RFC 9728 section 2)
 * @param allowedOrigins browser origins allowed to call the MCP endpoint; empty means "loopback origins only"
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param maxRequestSize largest JSON-RPC request body read for the per-tool scope check
 * @param sessionIdleTimeout idle time after which an MCP session (and its owner binding) is forgotten
 */
@ConfigurationProperties("resource-server")
public record ResourceServerProperties(
		@DefaultValue("http://localhost:8001/mcp") String resource,
		@DefaultValue("http://localhost:9000") String issuer,
		String jwkSetUri,
		@DefaultValue("MCP weather demo") String resourceName,
		@DefaultValue List<String> allowedOrigins,
		@DefaultValue("30s") Duration clockSkew,
		@DefaultValue("256KB") DataSize maxRequestSize,
		@DefaultValue("1h") Duration sessionIdleTimeout) {

	public ResourceServerProperties {
		requireCanonicalUri("resource-server.resource", resource);
		requireCanonicalUri("resource-server.issuer", issuer);
		if (jwkSetUri == null || jwkSetUri.isBlank()) {
			jwkSetUri = issuer + "/oauth2/jwks";
		}
		requireAbsoluteHttpUri("resource-server.jwk-set-uri", jwkSetUri);
		allowedOrigins = List.copyOf(allowedOrigins);
		if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalArgumentException("resource-server.clock-skew must be between 0 and 5 minutes");
		}
	}

	/**
	 * MCP "Canonical Server URI": absolute, no fragment, and no trailing slash, because RFC 9728 section 3.3 and
	 * RFC 8707 compare these strings code point by code point.
	 */
	private static void requireCanonicalUri(String key, String value) {
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
		catch (java.net.URISyntaxException ex) {
			throw new IllegalArgumentException(key + " is not a valid URI: " + value, ex);
		}
	}

}
