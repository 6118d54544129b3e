/**
 * The listener through which the authorization flow reports its steps (discovery, registration, authorization,
 * token, step-up) as display lines that never carry a secret.
 */
package dev.mcpauth.oauth2.client.trace;
