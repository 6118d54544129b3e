/**
 * DPoP (RFC 9449) at the token endpoint: what Spring Authorization Server lacks around its proof verification
 * (server nonces, the advertised algorithm list, the key binding of public clients' refresh tokens).
 */
package dev.mcpauth.oauth2.server.authorization.dpop;
