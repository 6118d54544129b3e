/**
 * A consumer of the library written as a plain Java user would write it: the MCP Java SDK, {@code McpOAuthClient}
 * and nothing of Spring, against a fake MCP deployment over real loopback HTTP.
 */
package example.consumer.plainjava;
