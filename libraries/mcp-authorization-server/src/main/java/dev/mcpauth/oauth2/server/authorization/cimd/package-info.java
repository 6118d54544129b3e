/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document-00): URL policy, fetch port and
 * default fetcher, pure document validator, bounded cache, and the RegisteredClientRepository that persists CIMD
 * clients.
 */
package dev.mcpauth.oauth2.server.authorization.cimd;
