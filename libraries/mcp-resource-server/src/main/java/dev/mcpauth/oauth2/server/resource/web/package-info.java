/**
 * HTTP concerns of the MCP Streamable HTTP transport that are not OAuth: {@code Origin} validation against DNS
 * rebinding (2025-11-25 transports, "Security Warning"), CORS for browser-based clients, and JSON (never HTML)
 * error pages.
 */
package dev.mcpauth.oauth2.server.resource.web;
