/**
 * The signed-in user's account pages: the clients holding a grant (scopes, resource, granted at, last used) and
 * their revocation (authorizations with their refresh tokens, and the consent).
 */
package dev.mcpauth.authserver.web.account;
