package dev.mcpauth.oauth2.server.authorization.cimd;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Decides whether a {@code client_id} is a Client ID Metadata Document URL and whether it may be fetched
 * (CIMD-00 §3, MCP 2025-11-25 "Client ID Metadata Documents"; checklist §3.1).
 *
 * <p>The checks look at the raw string: the value is never normalised, because the document's {@code client_id}
 * must equal it by simple string comparison (RFC 3986 §6.2.1).
 */
public final class ClientIdUrlPolicy {

	/** Longest client_id URL accepted; matches the registered-client table's column width. */
	public static final int MAX_LENGTH = 2048;

	private final boolean allowHttpAndLoopback;

	/**
	 * @param allowHttpAndLoopback accept {@code http} URLs and loopback hosts (local demos only)
	 */
	public ClientIdUrlPolicy(boolean allowHttpAndLoopback) {
		this.allowHttpAndLoopback = allowHttpAndLoopback;
	}

	/**
	 * A {@code client_id} that starts with an http(s) scheme is treated as a metadata document URL; anything else
	 * is looked up as a registered client. Generated client ids therefore never start with {@code https://}
	 * (CIMD-01 §6.9).
	 */
	public static boolean looksLikeUrl(String clientId) {
		String lower = clientId.toLowerCase(Locale.ROOT);
		return lower.startsWith("https://") || lower.startsWith("http://");
	}

	/**
	 * Checks the URL rules of CIMD-00 §3 before anything is fetched.
	 * @throws ClientIdMetadataDocumentException naming the broken rule
	 */
	public void check(String clientId) {
		if (clientId.length() > MAX_LENGTH) {
			throw new ClientIdMetadataDocumentException("client_id URL is longer than " + MAX_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(clientId);
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw new ClientIdMetadataDocumentException("client_id is not a valid URL");
		}
		String scheme = uri.getScheme();
		if (!"https".equals(scheme) && !(this.allowHttpAndLoopback && "http".equals(scheme))) {
			throw new ClientIdMetadataDocumentException("client_id URL must use the https scheme");
		}
		if (uri.getRawAuthority() == null || uri.getHost() == null) {
			throw new ClientIdMetadataDocumentException("client_id URL must name a host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new ClientIdMetadataDocumentException("client_id URL must not contain a username or password");
		}
		if (uri.getRawFragment() != null) {
			throw new ClientIdMetadataDocumentException("client_id URL must not contain a fragment");
		}
		String path = uri.getRawPath();
		if (path == null || path.isEmpty() || "/".equals(path)) {
			throw new ClientIdMetadataDocumentException("client_id URL must contain a path");
		}
		for (String segment : path.split("/", -1)) {
			if (".".equals(segment) || "..".equals(segment)) {
				throw new ClientIdMetadataDocumentException("client_id URL must not contain . or .. path segments");
			}
		}
		if (!this.allowHttpAndLoopback && isLoopbackHost(uri.getHost())) {
			// CIMD-00 §6.5: avoid fetching loopback URLs; full SSRF checks live in the network fetcher
			throw new ClientIdMetadataDocumentException("client_id URL must not point to a loopback host");
		}
	}

	static boolean isLoopbackHost(String host) {
		String h = host.toLowerCase(Locale.ROOT);
		return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]")
				|| h.equals("[0:0:0:0:0:0:0:1]");
	}

}
