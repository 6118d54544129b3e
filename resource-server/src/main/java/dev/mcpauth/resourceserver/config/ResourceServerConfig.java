package dev.mcpauth.resourceserver.config;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import dev.mcpauth.resourceserver.challenge.QueryTokenRemovalFilter;
import dev.mcpauth.resourceserver.metadata.ProtectedResource;
import dev.mcpauth.resourceserver.metadata.ProtectedResourceMetadata;
import dev.mcpauth.resourceserver.metadata.ProtectedResourceMetadataFilter;
import dev.mcpauth.resourceserver.scope.Scopes;
import dev.mcpauth.resourceserver.session.SessionBindings;
import dev.mcpauth.resourceserver.tools.Caller;
import dev.mcpauth.resourceserver.web.AllowedOrigins;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.ai.mcp.server.webmvc.transport.WebMvcStreamableServerTransportProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The facts derived once from {@link ResourceServerProperties}, and the MCP Streamable HTTP transport.
 */
@Configuration(proxyBeanMethods = false)
public class ResourceServerConfig {

	private static final Log logger = LogFactory.getLog(ResourceServerConfig.class);

	@Bean
	ProtectedResource protectedResource(ResourceServerProperties properties, McpServerStreamableHttpProperties http) {
		ProtectedResource resource = ProtectedResource.of(properties.resource());
		if (!URI.create(resource.resource()).getRawPath().equals(http.getMcpEndpoint())) {
			// Legitimate behind a proxy that rewrites paths; otherwise clients POST to a URL that is not served.
			logger.warn("resource-server.resource " + resource.resource() + " does not end with the MCP endpoint path "
					+ http.getMcpEndpoint() + ": this is only right behind a path-rewriting proxy");
		}
		return resource;
	}

	@Bean
	ProtectedResourceMetadataFilter protectedResourceMetadataFilter(ProtectedResource protectedResource,
			ResourceServerProperties properties) {
		return new ProtectedResourceMetadataFilter(protectedResource,
				new ProtectedResourceMetadata(protectedResource.resource(), List.of(properties.issuer()),
						List.of(Scopes.CONNECT), List.of("header"), properties.resourceName()));
	}

	/** Keeps Spring Boot from also registering the metadata filter with the servlet container. */
	@Bean
	FilterRegistrationBean<ProtectedResourceMetadataFilter> protectedResourceMetadataFilterRegistration(
			ProtectedResourceMetadataFilter filter) {
		FilterRegistrationBean<ProtectedResourceMetadataFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	/** Runs before Spring Security's filter chain, which logs the query string. */
	@Bean
	FilterRegistrationBean<QueryTokenRemovalFilter> queryTokenRemovalFilter() {
		FilterRegistrationBean<QueryTokenRemovalFilter> registration = new FilterRegistrationBean<>(
				new QueryTokenRemovalFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	AllowedOrigins allowedOrigins(ResourceServerProperties properties) {
		return new AllowedOrigins(properties.allowedOrigins(), properties.resource());
	}

	@Bean
	SessionBindings sessionBindings(ResourceServerProperties properties) {
		return new SessionBindings(properties.sessionIdleTimeout(), Clock.systemUTC());
	}

	/**
	 * Replaces Spring AI's transport bean (same settings) to add two things: the caller's claims are handed to tools
	 * through the MCP transport context, and idle sessions are evicted after the same timeout as their owner binding.
	 */
	@Bean
	WebMvcStreamableServerTransportProvider webMvcStreamableServerTransportProvider(
			@Qualifier("mcpServerJsonMapper") JsonMapper jsonMapper, McpServerStreamableHttpProperties http,
			ResourceServerProperties properties) {
		return WebMvcStreamableServerTransportProvider.builder()
			.jsonMapper(new JacksonMcpJsonMapper(jsonMapper))
			.mcpEndpoint(http.getMcpEndpoint())
			.keepAliveInterval(http.getKeepAliveInterval())
			.disallowDelete(http.isDisallowDelete())
			.sessionIdleTimeout(properties.sessionIdleTimeout())
			.contextExtractor(Caller.extractor())
			.build();
	}

}
