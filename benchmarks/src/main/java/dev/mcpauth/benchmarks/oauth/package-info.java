/**
 * The OAuth side of the load: a local CIMD document host, PKCE, and the authorization code and refresh token
 * grants over the load generator's connections.
 */
package dev.mcpauth.benchmarks.oauth;
