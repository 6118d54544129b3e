/**
 * Typed configuration ({@code mcp-client.*}).
 */
package dev.mcpauth.client.config;
