/**
 * Scopes and their enforcement: each MCP tool declares the scope it needs with {@link
 * dev.mcpauth.resourceserver.scope.RequiredScope} next to its {@code @McpTool} definition; {@link
 * dev.mcpauth.resourceserver.scope.ToolScopes} reads those declarations once, and {@link
 * dev.mcpauth.resourceserver.scope.ToolScopeAuthorizationManager} enforces them before the tool runs (MCP "Scope
 * Challenge Handling", checklist RS-12).
 */
package dev.mcpauth.resourceserver.scope;
