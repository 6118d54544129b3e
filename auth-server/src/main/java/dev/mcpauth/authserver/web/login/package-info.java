/**
 * The sign-in page and its brute-force limit: Bucket4j token buckets per account and per client address, checked
 * before the password and charged on every failure.
 */
package dev.mcpauth.authserver.web.login;
