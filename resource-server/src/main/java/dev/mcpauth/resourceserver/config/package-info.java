/**
 * Wiring: the configuration record, the security filter chain that reads top to bottom as the server's access rules,
 * and the MCP transport.
 */
package dev.mcpauth.resourceserver.config;
