package dev.mcpauth.resourceserver.management;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.oauth2.server.resource.autoconfigure.McpResourceServerProperties;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.SpringVersion;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.SpringSecurityCoreVersion;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Actuator is served on the management port ({@code management.server.port}, bound to loopback by
 * {@code management.server.address}). Its requests get a chain of their own that permits them, ahead of the MCP
 * chain (which denies every path but the MCP endpoint); on the application port no Actuator endpoint exists.
 */
@Configuration(proxyBeanMethods = false)
class ManagementConfig {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain managementSecurityFilterChain(HttpSecurity http, ManagementPort managementPort)
			throws Exception {
		http.securityMatcher(managementPort)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/** The management chain's matcher, fed by the servers' start events (a listener, hence a bean). */
	@Bean
	ManagementPort managementPort() {
		return new ManagementPort();
	}

	/** Readiness component {@code authorizationServerJwks}. */
	@Bean
	AuthorizationServerJwksHealthIndicator authorizationServerJwksHealthIndicator(McpResourceServerProperties properties) {
		return new AuthorizationServerJwksHealthIndicator(properties.jwkSetUri(), Duration.ofSeconds(2));
	}

	/** {@code /actuator/info}: the protocol revision implemented and the versions of the stack. */
	@Bean
	InfoContributor versionsInfoContributor() {
		return (builder) -> {
			Map<String, Object> versions = new LinkedHashMap<>();
			versions.put("spring-boot", SpringBootVersion.getVersion());
			versions.put("spring-framework", SpringVersion.getVersion());
			versions.put("spring-security", SpringSecurityCoreVersion.getVersion());
			versions.put("mcp-java-sdk", implementationVersion(io.modelcontextprotocol.spec.McpSchema.class));
			versions.put("java", System.getProperty("java.version"));
			builder.withDetail("mcp", Map.of("authorization", "2025-11-25"));
			builder.withDetail("versions", versions);
		};
	}

	private static String implementationVersion(Class<?> type) {
		String version = type.getPackage().getImplementationVersion();
		return (version != null) ? version : "unknown";
	}

}
