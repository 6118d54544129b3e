/**
 * How the client obtains a {@code client_id}: pre-registered credentials, a Client ID Metadata Document, or RFC 7591
 * dynamic client registration, in MCP's order of preference.
 */
package dev.mcpauth.oauth2.client.registration;
