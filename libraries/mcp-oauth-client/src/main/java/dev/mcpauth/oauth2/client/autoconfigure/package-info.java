/**
 * Spring Boot auto-configuration of the client ({@code mcp.client.*}): an {@code McpOAuthClient} for the configured
 * MCP server, with replaceable token store, user agent and HTTP client. The only package of the library that uses
 * Spring; Boot is an optional dependency.
 */
package dev.mcpauth.oauth2.client.autoconfigure;
