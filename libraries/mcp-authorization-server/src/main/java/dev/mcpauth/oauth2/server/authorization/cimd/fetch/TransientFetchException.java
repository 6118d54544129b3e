package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;

/**
 * A fetch that failed for a reason expected to pass: the host was unreachable or slow, or it answered with a
 * server error. Only such failures may be bridged by a recently fetched copy (RFC 5861 §4 stale-if-error covers
 * 500, 502, 503 and 504); a refused URL, an address policy violation, a redirect or a 404 never are.
 */
public class TransientFetchException extends ClientIdMetadataDocumentException {

	private final boolean responded;

	/**
	 * @param reason short, safe to show
	 * @param responded {@code true} for a server error response, {@code false} when no response arrived
	 */
	public TransientFetchException(String reason, boolean responded) {
		super(reason);
		this.responded = responded;
	}

	/** Whether the host sent an (error) response; error responses are never cached (CIMD-00 §4.4). */
	public boolean responded() {
		return this.responded;
	}

}
