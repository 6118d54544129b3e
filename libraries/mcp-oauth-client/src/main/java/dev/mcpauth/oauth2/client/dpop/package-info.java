/**
 * DPoP (RFC 9449) for the client: one EC P-256 key per client instance, a fresh proof JWT per HTTP request (token
 * endpoint and MCP server), and the server-provided nonces per origin. Plain JDK cryptography, no JOSE library.
 */
package dev.mcpauth.oauth2.client.dpop;
