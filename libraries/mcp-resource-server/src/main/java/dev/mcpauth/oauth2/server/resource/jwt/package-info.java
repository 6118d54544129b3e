/**
 * Access token validation (MCP "Token Handling", OAuth 2.1 section 5.2, RFC 9068 / RFC 7519): RS256 signatures
 * checked against the authorization server's JWKS, the configured issuer, timestamps, and the audience.
 */
package dev.mcpauth.oauth2.server.resource.jwt;
