/**
 * The load generator's HTTP: one persistent HTTP/1.1 connection per worker thread, to 127.0.0.1 only.
 */
package dev.mcpauth.benchmarks.http;
