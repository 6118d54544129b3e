/**
 * Micrometer metrics of the authorization server, all with low-cardinality tags (never a client_id, user or URL):
 * tokens issued by grant type and client kind, authorization outcomes, Client ID Metadata Document fetches and
 * cache use, refresh token reuse, code replay. docs/operations.md lists every metric.
 */
package dev.mcpauth.authserver.metrics;
