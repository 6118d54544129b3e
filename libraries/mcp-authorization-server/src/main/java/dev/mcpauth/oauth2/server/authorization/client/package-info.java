/**
 * Clients registered in configuration beyond the code flow: the client credentials grant (RFC 6749 §4.4) with the
 * RFC 8707 resource binding, and {@code private_key_jwt} keys given inline.
 */
package dev.mcpauth.oauth2.server.authorization.client;
