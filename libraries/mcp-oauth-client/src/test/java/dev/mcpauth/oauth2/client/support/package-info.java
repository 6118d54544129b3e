/**
 * Test support over real loopback HTTP, shared through the test jar with mcp-client: {@code LoopbackServer}, a
 * recording JDK HTTP server, and {@code FakeMcpDeployment}, a small strict authorization server and MCP server.
 */
package dev.mcpauth.oauth2.client.support;
