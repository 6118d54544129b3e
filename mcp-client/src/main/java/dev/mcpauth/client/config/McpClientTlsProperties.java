package dev.mcpauth.client.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS of the client, by Spring Boot SSL bundle names ({@code spring.ssl.bundle.*}), next to {@link McpClientProperties}
 * under the same prefix.
 *
 * @param sslBundle bundle whose trust material verifies the MCP server, its protected resource metadata, the
 * authorization server and its endpoints (every outgoing https call); blank means the JVM default trust store
 * @param cimd TLS of the embedded CIMD document host
 */
@ConfigurationProperties("mcp-client")
public record McpClientTlsProperties(String sslBundle, @DefaultValue Cimd cimd) {

	/**
	 * @param sslBundle bundle whose key and certificate the embedded CIMD host serves its document with, over https
	 * (its default public URL then starts with {@code https://localhost:}); blank means plain http on loopback
	 */
	public record Cimd(String sslBundle) {
	}

}
