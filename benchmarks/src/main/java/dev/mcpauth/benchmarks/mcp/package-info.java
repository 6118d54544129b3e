/**
 * MCP Streamable HTTP requests (initialize, tools/call) over the load generator's connections.
 */
package dev.mcpauth.benchmarks.mcp;
