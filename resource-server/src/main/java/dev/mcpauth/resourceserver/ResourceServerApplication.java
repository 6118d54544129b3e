package dev.mcpauth.resourceserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The MCP server of the demo, acting as an OAuth 2.1 resource server per MCP Authorization 2025-11-25. Every rule
 * comes from the {@code mcp-resource-server} starter (its auto-configured security filter chain and the
 * {@code mcp.resource-server.*} keys of {@code application.yml}); this application only brings its tools.
 */
@SpringBootApplication
public class ResourceServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ResourceServerApplication.class, args);
	}

}
