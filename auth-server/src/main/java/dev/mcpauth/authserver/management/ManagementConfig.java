package dev.mcpauth.authserver.management;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.SpringVersion;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.SpringSecurityCoreVersion;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Actuator is served on the management port ({@code management.server.port}, bound to loopback by
 * {@code management.server.address}): probes and scrapers reach it, clients of the authorization server do not.
 * Its requests get a chain of their own that permits them; on the application port no Actuator endpoint exists.
 */
@Configuration(proxyBeanMethods = false)
class ManagementConfig {

	/** Ahead of the authorization server chain; matches only requests that arrived on the management port. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain managementSecurityFilterChain(HttpSecurity http, Environment environment) throws Exception {
		http.securityMatcher(onManagementPort(environment))
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/** {@code local.management.port} is set once the management server has started (also for port 0). */
	static RequestMatcher onManagementPort(Environment environment) {
		return (HttpServletRequest request) -> {
			String port = environment.getProperty("local.management.port");
			String serverPort = environment.getProperty("local.server.port");
			return port != null && !port.equals(serverPort) && port.equals(Integer.toString(request.getLocalPort()));
		};
	}

	/** {@code /actuator/info}: the protocol revision implemented and the versions of the stack. */
	@Bean
	InfoContributor versionsInfoContributor() {
		return (builder) -> {
			Map<String, Object> versions = new LinkedHashMap<>();
			versions.put("spring-boot", SpringBootVersion.getVersion());
			versions.put("spring-framework", SpringVersion.getVersion());
			versions.put("spring-security", SpringSecurityCoreVersion.getVersion());
			versions.put("java", System.getProperty("java.version"));
			builder.withDetail("mcp", Map.of("authorization", "2025-11-25", "client-id-metadata-document",
					"draft-ietf-oauth-client-id-metadata-document-00"));
			builder.withDetail("versions", versions);
		};
	}

}
