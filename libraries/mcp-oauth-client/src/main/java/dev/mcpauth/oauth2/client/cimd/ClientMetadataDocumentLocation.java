package dev.mcpauth.oauth2.client.cimd;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Where the client's Client ID Metadata Document is published: its URL is the client's {@code client_id} at every
 * authorization server that advertises {@code client_id_metadata_document_supported} (CL-13). Asked for only when
 * such a server is met, so an embedded host starts on first use.
 */
@FunctionalInterface
public interface ClientMetadataDocumentLocation extends AutoCloseable {

	/** The document's URL, used verbatim as {@code client_id}. */
	String clientId();

	/** The fetches of the document since the last call (for the trace); empty when someone else hosts it. */
	default List<String> takeFetches() {
		return List.of();
	}

	/** Stops whatever hosts the document, if this location hosts it. */
	@Override
	default void close() {
	}

	/**
	 * A document hosted elsewhere, at an https URL with a path, without fragment or dot segments
	 * (draft-ietf-oauth-client-id-metadata-document section 3).
	 * @throws IllegalArgumentException when the URL cannot be a CIMD {@code client_id}
	 */
	static ClientMetadataDocumentLocation url(String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException("not a valid client metadata document URL: " + url);
		}
		String path = uri.getRawPath() == null ? "" : uri.getRawPath();
		boolean dotSegments = ("/" + path + "/").contains("/./") || ("/" + path + "/").contains("/../");
		if (!"https".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT)) || uri.getHost() == null
				|| path.isEmpty() || path.equals("/") || uri.getRawFragment() != null || dotSegments) {
			throw new IllegalArgumentException(
					"the client metadata document URL must be an https URL with a path (CIMD client_id rules): " + url);
		}
		return () -> url;
	}

	/** A location created on first use, e.g. {@code onFirstUse(() -> new ClientMetadataDocumentHost(...))}. */
	static ClientMetadataDocumentLocation onFirstUse(Supplier<? extends ClientMetadataDocumentLocation> factory) {
		return new LazyClientMetadataDocumentLocation(factory);
	}

}
