/**
 * The JWS signing key published at the JWKS endpoint.
 */
package dev.mcpauth.oauth2.server.authorization.keys;
