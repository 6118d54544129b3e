/**
 * Audit events of the authorization server (login, consent, client registration, CIMD clients, tokens, refresh
 * token reuse, code replay) through Spring Boot's {@code AuditEventRepository}, written as structured JSON log
 * lines. An event carries identifiers and outcomes only: never a token, code, verifier, secret or password.
 */
package dev.mcpauth.authserver.audit;
