/**
 * Micrometer metrics of the authorization server, all with low-cardinality tags (never a client_id, user or URL):
 * tokens issued by grant type and client kind, authorization outcomes, refresh token reuse, code replay (the
 * CIMD fetch meters are the library's). docs/operations.md lists every metric.
 */
package dev.mcpauth.authserver.metrics;
