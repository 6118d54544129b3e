/**
 * Reading the JSON-RPC body of a Streamable HTTP {@code POST} before the MCP transport does, so that authorization
 * can depend on the method and tool being called: the body is buffered (with a size cap), parsed strictly, and
 * replayed unchanged to the transport.
 */
package dev.mcpauth.oauth2.server.resource.jsonrpc;
