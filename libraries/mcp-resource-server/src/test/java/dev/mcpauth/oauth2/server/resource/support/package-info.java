/**
 * Test support: a stand-in authorization server on loopback that publishes a JWKS and mints RS256 access tokens.
 */
package dev.mcpauth.oauth2.server.resource.support;
