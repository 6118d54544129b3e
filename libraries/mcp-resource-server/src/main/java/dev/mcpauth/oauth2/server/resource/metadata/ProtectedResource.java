package dev.mcpauth.oauth2.server.resource.metadata;

import java.net.URI;

/**
 * The identity of this protected resource and the location of its metadata, derived once from the configured
 * canonical resource URI.
 *
 * @param resource the canonical resource URI, exactly as configured
 * @param metadataUrl the absolute PRM URL sent in {@code resource_metadata} challenges
 * @param metadataPath the local path at which the PRM is served
 */
public record ProtectedResource(String resource, String metadataUrl, String metadataPath) {

	/** RFC 9728 section 3: the registered well-known URI suffix. */
	public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

	/**
	 * RFC 9728 section 3.1: the well-known suffix is inserted between the host component and the path of the
	 * resource identifier ({@code http://h/mcp} becomes {@code http://h/.well-known/oauth-protected-resource/mcp}),
	 * keeping any query.
	 */
	public static ProtectedResource of(String resource) {
		URI uri = URI.create(resource);
		String path = uri.getRawPath() == null ? "" : uri.getRawPath();
		String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
		String origin = resource.substring(0, resource.length() - path.length() - query.length());
		String metadataPath = WELL_KNOWN + path;
		return new ProtectedResource(resource, origin + metadataPath + query, metadataPath);
	}

}
