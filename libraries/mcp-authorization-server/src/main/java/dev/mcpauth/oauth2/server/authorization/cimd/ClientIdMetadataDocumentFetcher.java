package dev.mcpauth.oauth2.server.authorization.cimd;

/**
 * Retrieves the raw bytes of a Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document-00 §4).
 *
 * <p>Implementations perform the network fetch only: they enforce transport rules (HTTP 200 only, no redirects,
 * size cap, timeouts, SSRF policy) and report the document's cache lifetime. They do not interpret the JSON; that
 * is {@link ClientIdMetadataDocumentValidator}'s job, so each concern can be tested and replaced on its own.
 */
@FunctionalInterface
public interface ClientIdMetadataDocumentFetcher {

	/**
	 * Fetches the document published at {@code clientId}.
	 * @param clientId the raw {@code client_id} URL exactly as the client sent it (never normalised, §4.1)
	 * @return the response body and its cache lifetime
	 * @throws ClientIdMetadataDocumentException if the document cannot be retrieved; the message is safe to show
	 */
	FetchedDocument fetch(String clientId);

}
