package com.example.authorization;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static dev.mcpauth.oauth2.server.authorization.McpAuthorizationServerConfigurer.mcpAuthorizationServer;

/**
 * A Spring Authorization Server as a Spring shop already runs one, made an MCP authorization server by one call on
 * its endpoint chain; everything else comes from {@code application.properties}.
 */
@SpringBootApplication
public class ConsumerAuthorizationServer {

	public static void main(String[] args) {
		SpringApplication.run(ConsumerAuthorizationServer.class, args);
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
		http.with(mcpAuthorizationServer(), Customizer.withDefaults());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults());
		return http.build();
	}

	/** This shop's users; a real one has its own store. */
	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("alice").password("{noop}consumer-password").roles("USER").build());
	}

}
