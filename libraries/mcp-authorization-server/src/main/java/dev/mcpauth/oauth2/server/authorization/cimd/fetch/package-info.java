/**
 * Fetching Client ID Metadata Documents as an HTTP client attackers cannot steer (CIMD-00 §6.5, §6.6; CIMD-01 §4,
 * §6.5; checklist AS-22..AS-28): URL policy, RFC 6890 special-use address checks on the resolved addresses, a
 * pinned connection without a second DNS lookup, strict HTTP/1.1 response rules, and single-flight fetching.
 */
package dev.mcpauth.oauth2.server.authorization.cimd.fetch;
