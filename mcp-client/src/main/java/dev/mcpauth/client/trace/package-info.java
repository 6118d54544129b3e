/**
 * The step-by-step trace on stdout (format fixed in docs/contracts.md); never shown a secret.
 */
package dev.mcpauth.client.trace;
