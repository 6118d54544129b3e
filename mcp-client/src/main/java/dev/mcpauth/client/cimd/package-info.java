/**
 * The client's own Client ID Metadata Document and the embedded JDK HTTP server that hosts it.
 */
package dev.mcpauth.client.cimd;
