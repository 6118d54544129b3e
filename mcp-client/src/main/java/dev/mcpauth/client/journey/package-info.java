/**
 * The MCP side on the MCP Java SDK: connect, list tools, call the configured tools; authorization hooks into the
 * SDK transport.
 */
package dev.mcpauth.client.journey;
