/**
 * The authorization code request with PKCE S256, {@code state} and {@code resource}, the checks on the response
 * (state, RFC 9207 {@code iss}), and the user agents: headless, or the system browser with a loopback listener.
 */
package dev.mcpauth.oauth2.client.authorization;
