/**
 * RFC 8414 authorization server metadata that advertises exactly what an MCP authorization server offers, including
 * {@code client_id_metadata_document_supported} (CIMD-00 §5) and RFC 9207 {@code iss} support.
 */
package dev.mcpauth.oauth2.server.authorization.metadata;
