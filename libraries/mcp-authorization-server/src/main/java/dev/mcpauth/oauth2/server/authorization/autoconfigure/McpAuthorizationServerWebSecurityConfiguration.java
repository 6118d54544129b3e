package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static dev.mcpauth.oauth2.server.authorization.McpAuthorizationServerConfigurer.mcpAuthorizationServer;

/**
 * The filter chains when the application declares none (like Spring Boot's own): the authorization server
 * endpoints with the MCP rules, then a default chain with form login for everything else.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDefaultWebSecurity
class McpAuthorizationServerWebSecurityConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain mcpAuthorizationServerSecurityFilterChain(HttpSecurity http) throws Exception {
		http.with(mcpAuthorizationServer(), Customizer.withDefaults());
		return http.build();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 5)
	SecurityFilterChain mcpDefaultSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			// answers CORS preflights for the token endpoint (the MCP chain matches only GET/POST there)
			.cors(Customizer.withDefaults())
			.formLogin(Customizer.withDefaults());
		return http.build();
	}

}
