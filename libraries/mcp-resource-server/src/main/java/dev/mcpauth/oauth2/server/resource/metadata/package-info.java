/**
 * RFC 9728 OAuth 2.0 Protected Resource Metadata: where the document lives (section 3.1 path insertion) and what it
 * says (section 2), built from configuration only, never from the request's {@code Host} header.
 */
package dev.mcpauth.oauth2.server.resource.metadata;
