package dev.mcpauth.oauth2.server.resource.ownchain;

import dev.mcpauth.oauth2.server.resource.McpResourceServerConfigurer;
import dev.mcpauth.oauth2.server.resource.RequiredScope;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;

/**
 * An MCP server with a chain of its own: the MCP rules come from one {@code http.with(...)} call, with an extra
 * browser origin, a changed metadata name and one public path.
 */
@SpringBootApplication
public class OwnChainApplication {

	@Bean
	SecurityFilterChain mcp(HttpSecurity http) throws Exception {
		http.with(McpResourceServerConfigurer.mcpResourceServer(), (mcp) -> mcp
			.allowedOrigins("https://app.example.test")
			.protectedResourceMetadata((metadata) -> metadata.resourceName("Own chain"))
			.otherRequests((authorize) -> authorize.requestMatchers("/public/**").permitAll().anyRequest().denyAll()));
		return http.build();
	}

	/** The one tool. */
	@Component
	static class EchoTool {

		@McpTool(name = "echo", description = "Echoes its input")
		@RequiredScope("mcp:connect")
		public String echo(String text) {
			return text;
		}

	}

}
