/**
 * Rate limits (Bucket4j token buckets) per endpoint and client address, and per host for Client ID Metadata
 * Document fetches; exceeded limits answer 429 with {@code Retry-After} and an OAuth-shaped JSON body.
 */
package dev.mcpauth.authserver.ratelimit;
