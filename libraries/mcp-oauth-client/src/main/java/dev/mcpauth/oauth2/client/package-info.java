/**
 * OAuth 2.1 for the MCP Java SDK, as MCP Authorization 2025-11-25 asks a client to do it. {@link
 * dev.mcpauth.oauth2.client.McpOAuthClient} is the entry point: its request customizer and authorization error
 * handler plug into {@code HttpClientStreamableHttpTransport}. {@link dev.mcpauth.oauth2.client.McpAuthorizationFlow}
 * runs the steps of the spec's sequence diagram, each in the package named after its concept: {@code discovery},
 * {@code registration}, {@code cimd}, {@code authorization}, {@code token}, {@code stepup}; {@code http} holds the
 * plain HTTP calls and the URL policy, {@code trace} the listener that reports each step. Spring Boot
 * auto-configuration lives apart in {@code autoconfigure}; nothing else here depends on Spring.
 */
package dev.mcpauth.oauth2.client;
