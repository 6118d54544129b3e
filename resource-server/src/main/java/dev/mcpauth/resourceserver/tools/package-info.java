/**
 * The MCP tools. Each {@code @McpTool} method carries its {@code @RequiredScope}; callers are described to tools by
 * {@link dev.mcpauth.oauth2.server.resource.Caller}, never by their token, so no tool can forward it (checklist RS-09).
 */
package dev.mcpauth.resourceserver.tools;
