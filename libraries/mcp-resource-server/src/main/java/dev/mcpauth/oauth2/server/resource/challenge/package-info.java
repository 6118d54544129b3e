/**
 * RFC 6750 section 3 / OAuth 2.1 section 5.3 {@code WWW-Authenticate: Bearer} challenges, with the RFC 9728
 * section 5.1 {@code resource_metadata} parameter and the MCP {@code scope} parameter, plus strict bearer token
 * extraction (OAuth 2.1 section 5.1: header only).
 */
package dev.mcpauth.oauth2.server.resource.challenge;
