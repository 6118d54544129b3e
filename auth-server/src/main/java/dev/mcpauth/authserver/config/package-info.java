/**
 * The server's configuration: typed properties, the authorization server and default security filter chains, RFC
 * 8414 metadata, client stores.
 */
package dev.mcpauth.authserver.config;
