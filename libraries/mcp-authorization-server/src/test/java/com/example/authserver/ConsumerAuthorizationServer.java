package com.example.authserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static dev.mcpauth.oauth2.server.authorization.McpAuthorizationServerConfigurer.mcpAuthorizationServer;
import static org.springframework.security.config.Customizer.withDefaults;

/**
 * A Spring Authorization Server application as a user writes it: the library's starter on the classpath, one
 * chain with the MCP rules, a default chain with form login, users from {@code spring.security.user.*}.
 */
@SpringBootApplication
public class ConsumerAuthorizationServer {

	public static void main(String[] args) {
		SpringApplication.run(ConsumerAuthorizationServer.class, args);
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http) throws Exception {
		http.with(mcpAuthorizationServer(), withDefaults());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated()).formLogin(withDefaults());
		return http.build();
	}

}
