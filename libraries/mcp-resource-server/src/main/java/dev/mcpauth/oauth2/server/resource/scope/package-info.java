/**
 * Scopes and their enforcement: each MCP tool declares the scope it needs with {@link
 * dev.mcpauth.oauth2.server.resource.RequiredScope} next to its {@code @McpTool} definition; {@link
 * dev.mcpauth.oauth2.server.resource.scope.ToolScopes} reads those declarations once, and {@link
 * dev.mcpauth.oauth2.server.resource.scope.ToolScopeAuthorizationManager} enforces them before the tool runs (MCP "Scope
 * Challenge Handling", checklist RS-12).
 */
package dev.mcpauth.oauth2.server.resource.scope;
