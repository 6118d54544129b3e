/**
 * The application's configuration: the authorization server chain (the library's MCP rules plus the demo
 * profile's additions), the login chain and its user.
 */
package dev.mcpauth.authserver.config;
