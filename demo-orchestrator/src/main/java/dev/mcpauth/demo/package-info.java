/**
 * The one-command demo: starts the authorization server and the MCP resource server, runs the MCP client against
 * them with its trace on the console, and stops everything it started.
 */
package dev.mcpauth.demo;
