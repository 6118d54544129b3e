/**
 * Plain {@code java.net.http} calls for the OAuth side, the URL policy for metadata-supplied endpoints, and lenient
 * JSON member reads.
 */
package dev.mcpauth.oauth2.client.http;
