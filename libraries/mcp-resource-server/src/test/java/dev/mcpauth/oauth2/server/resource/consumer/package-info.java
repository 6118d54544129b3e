/**
 * A consumer application written from scratch against the library's public API only, proven over real HTTP by the
 * MCP Java SDK client.
 */
package dev.mcpauth.oauth2.server.resource.consumer;
