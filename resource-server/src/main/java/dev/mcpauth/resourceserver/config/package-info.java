/**
 * The application's security chains: the library's MCP chain, next to the management port's.
 */
package dev.mcpauth.resourceserver.config;
