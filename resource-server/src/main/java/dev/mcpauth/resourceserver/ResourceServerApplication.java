package dev.mcpauth.resourceserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The MCP server of the demo, acting as an OAuth 2.1 resource server per MCP Authorization 2025-11-25.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ResourceServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ResourceServerApplication.class, args);
	}

}
