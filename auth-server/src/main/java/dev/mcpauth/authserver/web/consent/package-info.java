/**
 * The consent page: who is asking (the client's name, and for a Client ID Metadata Document client its
 * {@code client_id} host, marked unverified unless configured as trusted), where the code goes (the redirect host,
 * with a warning for loopback), which MCP server the token is for, and each scope in words.
 */
package dev.mcpauth.authserver.web.consent;
