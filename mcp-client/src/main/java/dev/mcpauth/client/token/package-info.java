/**
 * The token endpoint (code exchange and refresh, client authentication) and the in-memory token store keyed by
 * (resource, issuer).
 */
package dev.mcpauth.client.token;
