/**
 * The JWS signing keys. {@link dev.mcpauth.oauth2.server.authorization.keys.ProcessSigningKey}: one key for the life
 * of the process (the default). {@link dev.mcpauth.oauth2.server.authorization.keys.DatabaseJwkSource} with
 * {@link dev.mcpauth.oauth2.server.authorization.keys.SigningKeyRotation}: keys stored in the database with their
 * private keys encrypted (AES-GCM), the same for every instance, rotated on a schedule and on demand with the next
 * key published ahead, retired public keys kept in the JWKS until every token they signed has expired
 * ({@code mcp.authorization-server.keys.store=database}).
 */
package dev.mcpauth.oauth2.server.authorization.keys;
