/**
 * RFC 7591 dynamic client registration, open to public (PKCE-only) clients.
 */
package dev.mcpauth.oauth2.server.authorization.registration;
