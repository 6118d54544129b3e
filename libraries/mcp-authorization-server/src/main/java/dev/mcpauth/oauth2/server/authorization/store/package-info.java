/**
 * The JDBC tables the library relies on (indexed authorization table, registered-client table wide enough for CIMD
 * clients) and the scheduled deletion of expired authorizations.
 */
package dev.mcpauth.oauth2.server.authorization.store;
