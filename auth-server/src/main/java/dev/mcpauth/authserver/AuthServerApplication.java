package dev.mcpauth.authserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * OAuth 2.1 authorization server for MCP (revision 2025-11-25): Client ID Metadata Document clients, PKCE S256,
 * RFC 8707 resource-bound JWT access tokens. The MCP rules come from the mcp-authorization-server library; this
 * application adds the login form, the demo profile and its configuration.
 */
@SpringBootApplication
public class AuthServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthServerApplication.class, args);
	}

}
