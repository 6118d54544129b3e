package dev.mcpauth.authserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * OAuth 2.1 authorization server for MCP (revision 2025-11-25): Client ID Metadata Document clients, PKCE S256,
 * RFC 8707 resource-bound JWT access tokens.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthServerApplication.class, args);
	}

}
