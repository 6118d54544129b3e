/**
 * DPoP (RFC 9449) on the resource server side: the proof verifier, its bounded replay cache and stateless nonces,
 * the {@code Authorization: DPoP} filter, the refusal of bound tokens presented as {@code Bearer}, and the
 * {@code WWW-Authenticate: DPoP} challenges.
 */
package dev.mcpauth.oauth2.server.resource.dpop;
