/**
 * Spring Boot auto-configuration of the MCP resource server: the {@code mcp.resource-server.*} properties record,
 * one {@code @ConditionalOnMissingBean} bean per replaceable piece, the default security filter chain applying
 * {@link dev.mcpauth.oauth2.server.resource.McpResourceServerConfigurer} when the application declares none, and the
 * Streamable HTTP transport that hands the caller to tools.
 */
package dev.mcpauth.oauth2.server.resource.autoconfigure;
