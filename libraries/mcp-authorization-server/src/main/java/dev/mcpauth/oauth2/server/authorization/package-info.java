/**
 * The MCP authorization rules (revision 2025-11-25) for Spring Authorization Server, applied with
 * {@link dev.mcpauth.oauth2.server.authorization.McpAuthorizationServerConfigurer#mcpAuthorizationServer()}; the
 * subpackages hold one concept each (CIMD, RFC 8707 resources, tokens, redirect URIs, registration, metadata).
 */
package dev.mcpauth.oauth2.server.authorization;
