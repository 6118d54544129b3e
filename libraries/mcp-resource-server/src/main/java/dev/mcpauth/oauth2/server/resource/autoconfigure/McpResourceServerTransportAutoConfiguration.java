package dev.mcpauth.oauth2.server.resource.autoconfigure;

import dev.mcpauth.oauth2.server.resource.Caller;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.mcp.server.common.autoconfigure.McpServerAutoConfiguration;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.ai.mcp.server.webmvc.autoconfigure.McpServerStreamableHttpWebMvcAutoConfiguration;
import org.springframework.ai.mcp.server.webmvc.transport.WebMvcStreamableServerTransportProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Spring AI's Streamable HTTP transport with the same settings, plus two things: the caller's claims are handed to
 * tools through the MCP transport context ({@link Caller#from}), and idle sessions are evicted after
 * {@code mcp.resource-server.session-idle-timeout}, the timeout of their owner binding. Runs before Spring AI's own
 * transport auto-configuration, which backs off.
 */
@AutoConfiguration(before = McpServerStreamableHttpWebMvcAutoConfiguration.class)
@ConditionalOnClass(WebMvcStreamableServerTransportProvider.class)
@Conditional(McpServerAutoConfiguration.EnabledStreamableServerCondition.class)
@EnableConfigurationProperties({ McpResourceServerProperties.class, McpServerStreamableHttpProperties.class })
public final class McpResourceServerTransportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebMvcStreamableServerTransportProvider webMvcStreamableServerTransportProvider(
			@Qualifier("mcpServerJsonMapper") JsonMapper jsonMapper, McpServerStreamableHttpProperties http,
			McpResourceServerProperties properties) {
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
