/**
 * What every user-facing page shares: the security chain of the pages (login, consent, connected clients, error),
 * their response headers (no framing, a strict Content Security Policy), the {@code auth-server.ui.*} settings and
 * the common page model.
 */
package dev.mcpauth.authserver.web.page;
