/**
 * Scope defaults for authorization requests that name none (OAuth 2.1 §1.4.1).
 */
package dev.mcpauth.oauth2.server.authorization.scope;
