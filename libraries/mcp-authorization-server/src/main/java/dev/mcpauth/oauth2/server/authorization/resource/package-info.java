/**
 * RFC 8707 resource indicators: the configured protected resources, the authorization-endpoint check and the
 * token-endpoint binding to the grant.
 */
package dev.mcpauth.oauth2.server.authorization.resource;
