/**
 * Rate limits (Bucket4j token buckets) per endpoint and client address; exceeded limits answer 429 with
 * {@code Retry-After} and an OAuth-shaped JSON body. The per-host limit of CIMD fetches is the library's.
 */
package dev.mcpauth.authserver.ratelimit;
