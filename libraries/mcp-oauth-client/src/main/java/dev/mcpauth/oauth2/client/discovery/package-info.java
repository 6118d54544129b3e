/**
 * Discovery: RFC 9110 {@code WWW-Authenticate} challenges, RFC 9728 protected resource metadata and RFC 8414 / OpenID
 * Connect authorization server metadata, fetched in the exact order MCP prescribes (checklist section 2).
 */
package dev.mcpauth.oauth2.client.discovery;
