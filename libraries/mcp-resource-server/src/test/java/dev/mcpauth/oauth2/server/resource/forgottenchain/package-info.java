/**
 * An application whose own filter chain forgets the MCP rules: the endpoint must fail closed.
 */
package dev.mcpauth.oauth2.server.resource.forgottenchain;
