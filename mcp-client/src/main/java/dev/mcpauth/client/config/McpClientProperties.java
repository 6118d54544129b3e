package dev.mcpauth.client.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.mcpauth.client.journey.ToolCall;

/**
 * Settings of the command-line client ({@code --mcp-client.*}, or environment variables by relaxed binding).
 *
 * @param headless GET the authorization URL and read the redirect (true), or open the system browser and wait on a
 * loopback listener (false)
 * @param clientId pre-registered client id (also {@code MCP_CLIENT_ID}); blank means none
 * @param clientSecret pre-registered client secret (also {@code MCP_CLIENT_SECRET}); blank means a public client
 * @param clientName the {@code client_name} in the CIMD document and in dynamic registration
 * @param redirectUri the redirect URI of headless mode (interactive mode uses its listener's)
 * @param timeout per HTTP call and per MCP request in headless mode
 * @param interactiveTimeout how long interactive mode waits for the user in the browser
 * @param journey the tools to call after connecting, in order
 */
@ConfigurationProperties("mcp-client")
public record McpClientProperties(@DefaultValue("true") boolean headless, String clientId, String clientSecret,
		@DefaultValue Cimd cimd, @DefaultValue("MCP Authorization reference client (Java)") String clientName,
		@DefaultValue("http://127.0.0.1/callback") String redirectUri, @DefaultValue("30s") Duration timeout,
		@DefaultValue("5m") Duration interactiveTimeout, List<ToolCall> journey) {

	public McpClientProperties {
		journey = journey == null ? List.of() : List.copyOf(journey);
	}

	/**
	 * The client's Client ID Metadata Document.
	 *
	 * @param url an externally hosted https URL used as {@code client_id}; when set, nothing is hosted
	 * @param port port of the embedded host (0 = ephemeral)
	 * @param bindAddress interface of the embedded host (loopback by default)
	 * @param publicBaseUrl origin under which the authorization server reaches the host (default
	 * {@code http://localhost:<port>})
	 */
	public record Cimd(String url, @DefaultValue("3000") int port, @DefaultValue("127.0.0.1") String bindAddress,
			String publicBaseUrl) {
	}

	public boolean hasPreRegisteredClient() {
		return this.clientId != null && !this.clientId.isBlank();
	}

	/** A record prints every component; the client secret must never reach a log or an error message. */
	@Override
	public String toString() {
		return "McpClientProperties[headless=" + this.headless + ", clientId=" + this.clientId + ", clientSecret="
				+ (this.clientSecret == null || this.clientSecret.isBlank() ? "none" : "(hidden)") + ", cimd=" + this.cimd
				+ ", clientName=" + this.clientName + ", redirectUri=" + this.redirectUri + ", timeout=" + this.timeout
				+ ", interactiveTimeout=" + this.interactiveTimeout + ", journey=" + this.journey + "]";
	}

}
