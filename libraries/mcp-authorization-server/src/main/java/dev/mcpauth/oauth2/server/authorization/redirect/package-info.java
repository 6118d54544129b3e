/**
 * Redirect URI matching: exact string comparison with the OAuth 2.1 §8.4.2 loopback any-port exception.
 */
package dev.mcpauth.oauth2.server.authorization.redirect;
