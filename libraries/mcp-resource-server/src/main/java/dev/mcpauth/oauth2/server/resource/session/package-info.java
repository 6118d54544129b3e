/**
 * MCP sessions bound to the caller who created them (security best practices "Session Hijacking", checklist RS-11):
 * a session id is never authentication, and it only works together with a token of the same subject and client.
 */
package dev.mcpauth.oauth2.server.resource.session;
