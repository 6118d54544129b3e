package dev.mcpauth.oauth2.server.authorization.cimd;

/**
 * A Client ID Metadata Document could not be fetched or is invalid.
 *
 * <p>The message is a short reason that is safe to show to the user on the authorization error page (it never
 * contains the document body or internal addresses). Such a failure is never cached (CIMD-00 §4.4).
 */
public class ClientIdMetadataDocumentException extends RuntimeException {

	public ClientIdMetadataDocumentException(String message) {
		super(message);
	}

	public ClientIdMetadataDocumentException(String message, Throwable cause) {
		super(message, cause);
	}

}
