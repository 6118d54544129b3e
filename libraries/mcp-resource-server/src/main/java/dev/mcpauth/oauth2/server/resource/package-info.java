/**
 * An MCP server (Spring AI, Streamable HTTP) as an OAuth 2.1 resource server per MCP Authorization 2025-11-25: the
 * security DSL {@link dev.mcpauth.oauth2.server.resource.McpResourceServerConfigurer}, the per-tool
 * {@link dev.mcpauth.oauth2.server.resource.RequiredScope} annotation and
 * {@link dev.mcpauth.oauth2.server.resource.Caller}, what a tool may know about who calls it. The rules live in the
 * subpackages, each named after the spec concept it implements.
 */
package dev.mcpauth.oauth2.server.resource;
