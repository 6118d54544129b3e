/**
 * Spring Boot auto-configuration of the MCP authorization server: typed {@code mcp.authorization-server.*}
 * properties, every bean behind {@code @ConditionalOnMissingBean}, and default filter chains when the application
 * declares none.
 */
package dev.mcpauth.oauth2.server.authorization.autoconfigure;
