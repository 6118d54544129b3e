package dev.mcpauth.oauth2.client.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;

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
 */
@ConfigurationProperties("mcp.client")
public record McpOAuthClientProperties(URI serverUrl, String clientId, String clientSecret, String clientMetadataUrl,
		@DefaultValue("MCP client (Java)") String clientName, @DefaultValue("browser") UserAgentType userAgent,
		@DefaultValue("http://127.0.0.1/callback") String redirectUri, List<String> scopes,
		@DefaultValue("30s") Duration timeout, @DefaultValue("5m") Duration interactiveTimeout,
		@DefaultValue("3") int maxAuthorizationAttempts) {

	public McpOAuthClientProperties {
		scopes = scopes == null ? List.of() : List.copyOf(scopes);
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
				+ this.maxAuthorizationAttempts + "]";
	}

}
