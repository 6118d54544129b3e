package dev.mcpauth.oauth2.client.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.mcpauth.oauth2.client.AuthorizationGrant;
import dev.mcpauth.oauth2.client.dpop.DpopMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the auto-configured {@code McpOAuthClient} ({@code mcp.client.*}, or environment variables such as
 * {@code MCP_CLIENT_SERVERURL} by relaxed binding).
 *
 * @param serverUrl the canonical URL of the MCP server to authorize for, e.g. https://mcp.example.com/mcp;
 * the client bean exists only when it is set
 * @param clientId pre-registered client id, preferred over any other registration; blank means none
 * @param clientSecret pre-registered client secret; blank means a public client
 * @param clientMetadataUrl https URL of the client's Client ID Metadata Document, used as client_id by authorization
 * servers that support CIMD; blank means none (then dynamic client registration)
 * @param clientName the client_name sent in dynamic client registration
 * @param userAgent how the user is taken to the authorization server: the system browser with a loopback listener,
 * or headless (GET the authorization URL and read the redirect; for servers that authorize without a page)
 * @param redirectUri the redirect URI of the headless user agent (the browser user agent uses its listener's)
 * @param scopes scopes asked for in every authorization besides those MCP's scope selection picks, e.g.
 * offline_access
 * @param timeout timeout of each OAuth HTTP call and of the headless user agent
 * @param interactiveTimeout how long the browser user agent waits for the user
 * @param maxAuthorizationAttempts authorization requests one MCP call may make before the client gives up
 * @param grant how tokens are obtained: authorization_code (a user authorizes; the default) or client_credentials
 * (the client acts for itself, with client-id and client-secret or a private key; no browser, no refresh token)
 * @param clientPrivateKey private key of a pre-registered private_key_jwt client, as a PKCS #8 PEM or a private JWK
 * (the value itself); the client then signs an assertion (RFC 7523) instead of sending a secret; blank means none
 * @param clientPrivateKeyFile a file holding that key (PEM or JWK), read at start-up; used when client-private-key
 * is blank
 * @param dpop auto (the default): DPoP-bound tokens (RFC 9449) from authorization servers whose metadata lists ES256
 * in dpop_signing_alg_values_supported, with a proof on every token and MCP request; off: Bearer tokens only
 */
@ConfigurationProperties("mcp.client")
public record McpOAuthClientProperties(URI serverUrl, String clientId, String clientSecret, String clientMetadataUrl,
		@DefaultValue("MCP client (Java)") String clientName, @DefaultValue("browser") UserAgentType userAgent,
		@DefaultValue("http://127.0.0.1/callback") String redirectUri, List<String> scopes,
		@DefaultValue("30s") Duration timeout, @DefaultValue("5m") Duration interactiveTimeout,
		@DefaultValue("3") int maxAuthorizationAttempts,
		@DefaultValue("authorization_code") AuthorizationGrant grant, String clientPrivateKey,
		Path clientPrivateKeyFile, @DefaultValue("auto") DpopMode dpop) {

	public McpOAuthClientProperties {
		scopes = scopes == null ? List.of() : List.copyOf(scopes);
	}

	/** The key of client-private-key, else the content of client-private-key-file, else {@code null}. */
	public String resolvedClientPrivateKey() {
		return resolvePrivateKey(this.clientPrivateKey, this.clientPrivateKeyFile, "mcp.client");
	}

	/**
	 * The private key given inline, else the content of the key file, else {@code null}; an unreadable file is one
	 * line naming {@code prefix}{@code .client-private-key-file}, never the key.
	 */
	public static String resolvePrivateKey(String key, Path file, String prefix) {
		if (key != null && !key.isBlank()) {
			return key;
		}
		if (file == null) {
			return null;
		}
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + prefix + ".client-private-key-file " + file + " ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	/** The user agents the auto-configuration can create. */
	public enum UserAgentType {

		/** The system browser (or the URL on stderr) and a loopback listener on 127.0.0.1. */
		BROWSER,
		/** No user: follows the authorization server's redirects and reads the code from the redirect. */
		HEADLESS

	}

	/** A record prints every component; the client secret must never reach a log. */
	@Override
	public String toString() {
		return "McpOAuthClientProperties[serverUrl=" + this.serverUrl + ", clientId=" + this.clientId
				+ ", clientSecret=" + (this.clientSecret == null || this.clientSecret.isBlank() ? "none" : "(hidden)")
				+ ", clientMetadataUrl=" + this.clientMetadataUrl + ", clientName=" + this.clientName + ", userAgent="
				+ this.userAgent + ", redirectUri=" + this.redirectUri + ", scopes=" + this.scopes + ", timeout="
				+ this.timeout + ", interactiveTimeout=" + this.interactiveTimeout + ", maxAuthorizationAttempts="
				+ this.maxAuthorizationAttempts + ", grant=" + this.grant + ", clientPrivateKey="
				+ (this.clientPrivateKey == null || this.clientPrivateKey.isBlank() ? "none" : "(hidden)")
				+ ", clientPrivateKeyFile=" + this.clientPrivateKeyFile + ", dpop=" + this.dpop + "]";
	}

}
