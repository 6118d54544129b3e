package dev.mcpauth.client.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.mcpauth.client.journey.ToolCall;
import dev.mcpauth.oauth2.client.AuthorizationGrant;
import dev.mcpauth.oauth2.client.autoconfigure.McpOAuthClientProperties;
import dev.mcpauth.oauth2.client.dpop.DpopMode;

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
 * @param grant authorization_code (default: a user authorizes, headless or in the browser) or client_credentials
 * (the client acts for itself with client-id and client-secret or a private key; also the flag
 * {@code --client-credentials})
 * @param clientPrivateKey private key of a pre-registered private_key_jwt client, PKCS #8 PEM or private JWK, the
 * value itself (also {@code MCP_CLIENT_PRIVATE_KEY}); blank means none
 * @param clientPrivateKeyFile a file holding that key, read at start; used when client-private-key is blank
 * @param dpop auto (default: DPoP-bound tokens from authorization servers that announce ES256 DPoP) or off
 */
@ConfigurationProperties("mcp-client")
public record McpClientProperties(@DefaultValue("true") boolean headless, String clientId, String clientSecret,
		@DefaultValue Cimd cimd, @DefaultValue("MCP Authorization reference client (Java)") String clientName,
		@DefaultValue("http://127.0.0.1/callback") String redirectUri, @DefaultValue("30s") Duration timeout,
		@DefaultValue("5m") Duration interactiveTimeout, List<ToolCall> journey,
		@DefaultValue("authorization_code") AuthorizationGrant grant, String clientPrivateKey, Path clientPrivateKeyFile,
		@DefaultValue("auto") DpopMode dpop) {

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

	/** The key of client-private-key, else the content of client-private-key-file, else {@code null}. */
	public String resolvedClientPrivateKey() {
		return McpOAuthClientProperties.resolvePrivateKey(this.clientPrivateKey, this.clientPrivateKeyFile,
				"mcp-client");
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
				+ ", interactiveTimeout=" + this.interactiveTimeout + ", journey=" + this.journey + ", grant=" + this.grant
				+ ", clientPrivateKey=" + (this.clientPrivateKey == null || this.clientPrivateKey.isBlank() ? "none" : "(hidden)")
				+ ", clientPrivateKeyFile=" + this.clientPrivateKeyFile + ", dpop=" + this.dpop + "]";
	}

}
