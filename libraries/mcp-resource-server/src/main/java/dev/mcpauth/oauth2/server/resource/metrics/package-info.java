/**
 * Micrometer metrics of the resource server with low-cardinality tags: challenges by kind, step-ups, token
 * validation latency. docs/operations.md lists every metric.
 */
package dev.mcpauth.oauth2.server.resource.metrics;
