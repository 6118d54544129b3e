/**
 * A command-line MCP client that performs MCP authorization (revision 2025-11-25) through the mcp-oauth-client
 * library ({@code dev.mcpauth.oauth2.client}). {@link dev.mcpauth.client.ClientCommand} is the command line; the
 * journey of tool calls is in {@code journey}, the printed trace in {@code trace}, the {@code mcp-client.*} settings
 * in {@code config}.
 */
package dev.mcpauth.client;
