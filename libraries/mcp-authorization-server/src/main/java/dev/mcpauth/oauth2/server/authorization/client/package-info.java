/**
 * Clients registered in configuration beyond the code flow: the client credentials grant (RFC 6749 §4.4) with the
 * RFC 8707 resource binding, {@code private_key_jwt} keys given inline, and the storage of client secrets (a
 * SHA-256 digest for high-entropy machine secrets, BCrypt for the others; never used for user passwords).
 */
package dev.mcpauth.oauth2.server.authorization.client;
