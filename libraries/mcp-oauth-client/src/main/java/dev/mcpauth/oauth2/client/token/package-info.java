/**
 * The token endpoint (code exchange and refresh, client authentication) and the token store keyed by (resource,
 * issuer), in memory by default.
 */
package dev.mcpauth.oauth2.client.token;
