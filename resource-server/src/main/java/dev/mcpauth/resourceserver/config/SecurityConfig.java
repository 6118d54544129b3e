package dev.mcpauth.resourceserver.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static dev.mcpauth.oauth2.server.resource.McpResourceServerConfigurer.mcpResourceServer;

/**
 * The MCP chain, declared here because the application has a second chain (the management port's, see
 * {@code management/}): with any chain declared, the library's default chain backs off, as Spring Boot's does.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	@Bean
	SecurityFilterChain mcpResourceServerSecurityFilterChain(HttpSecurity http) throws Exception {
		http.with(mcpResourceServer(), Customizer.withDefaults());
		return http.build();
	}

}
