package dev.mcpauth.oauth2.server.authorization.cimd;

import java.time.Duration;

/**
 * The body of a successfully fetched Client ID Metadata Document.
 *
 * @param body the response body as received (already size-capped by the fetcher)
 * @param maxAge the lifetime the publisher allows from {@code Cache-Control} (RFC 9111 §5.2.2.1), or {@code null}
 * if the response carried none; the caller applies its own bounds (CIMD-00 §4.4)
 */
public record FetchedDocument(byte[] body, Duration maxAge) {
}
