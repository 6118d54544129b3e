/**
 * A command-line MCP client that performs MCP authorization (revision 2025-11-25) by itself.
 * {@link dev.mcpauth.client.McpAuthorizationFlow} runs the steps of the spec's sequence diagram, each in the package
 * named after its concept; {@link dev.mcpauth.client.ClientCommand} is the command line.
 */
package dev.mcpauth.client;
