/**
 * Scope selection (challenge, else {@code scopes_supported}, else none) and step-up on {@code 403
 * insufficient_scope}, with a limit on authorization attempts per call.
 */
package dev.mcpauth.oauth2.client.stepup;
