/**
 * Access token shaping (RFC 9068): audience from the bound resource, client_id and scope claims.
 */
package dev.mcpauth.oauth2.server.authorization.token;
