/**
 * The JWS signing key published at the JWKS endpoint.
 */
package dev.mcpauth.authserver.keys;
