package dev.mcpauth.oauth2.client.discovery;

import java.net.URI;
import java.util.List;

/**
 * Builds the well-known URLs in the exact order MCP 2025-11-25 prescribes (checklist sections 2.1 and 2.3).
 */
public final class WellKnownUris {

	private WellKnownUris() {
	}

	/** A candidate metadata URL and the identifier the document found there must carry. */
	public record Candidate(String url, String expectedIdentifier) {
	}

	/**
	 * RFC 9728 section 3.1: path-inserted first (when the MCP URL has a path), then the root document, whose
	 * {@code resource} is the origin it was built from.
	 */
	public static List<Candidate> protectedResource(URI serverUrl) {
		String origin = origin(serverUrl);
		String path = trimmedPath(serverUrl);
		String root = origin + "/.well-known/oauth-protected-resource";
		if (path.isEmpty()) {
			return List.of(new Candidate(root, serverUrl.toString()));
		}
		String query = serverUrl.getRawQuery() == null ? "" : "?" + serverUrl.getRawQuery();
		return List.of(new Candidate(root + path + query, serverUrl.toString()), new Candidate(root, origin));
	}

	/**
	 * MCP authorization server metadata discovery: for an issuer with a path, RFC 8414 path insertion, OIDC path
	 * insertion, then OIDC path appending; for a root issuer, RFC 8414 then OIDC. One terminating "/" is removed
	 * before inserting (RFC 8414 section 3.1).
	 */
	public static List<String> authorizationServer(URI issuer) {
		String origin = origin(issuer);
		String path = trimmedPath(issuer);
		if (path.isEmpty()) {
			return List.of(origin + "/.well-known/oauth-authorization-server",
					origin + "/.well-known/openid-configuration");
		}
		return List.of(origin + "/.well-known/oauth-authorization-server" + path,
				origin + "/.well-known/openid-configuration" + path, origin + path + "/.well-known/openid-configuration");
	}

	public static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	private static String trimmedPath(URI uri) {
		String path = uri.getRawPath() == null ? "" : uri.getRawPath();
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

}
