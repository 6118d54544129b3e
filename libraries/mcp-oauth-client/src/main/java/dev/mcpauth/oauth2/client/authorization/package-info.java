/**
 * The authorization code request with PKCE S256, {@code state} and {@code resource}, the checks on the response
 * (state, RFC 9207 {@code iss}), and the user agents behind the public {@code UserAgent} seam: headless, or the
 * system browser with a loopback listener; plug in your own for an embedded browser or a device prompt.
 */
package dev.mcpauth.oauth2.client.authorization;
