/**
 * Access token shaping (RFC 9068): audience from the bound resource, client_id and scope claims; refresh tokens
 * for public clients; replay of a code or a rotated refresh token revokes the grant (GrantReplayDetection).
 */
package dev.mcpauth.oauth2.server.authorization.token;
