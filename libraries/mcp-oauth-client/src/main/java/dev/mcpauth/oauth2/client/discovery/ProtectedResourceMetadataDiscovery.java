package dev.mcpauth.oauth2.client.discovery;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.http.EndpointPolicy;
import dev.mcpauth.oauth2.client.http.JsonFields;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import tools.jackson.databind.JsonNode;

/**
 * Finds the protected resource metadata of an MCP server (CL-02, CL-03; checklist section 2.1): the
 * {@code resource_metadata} URL of the challenge when there is one, otherwise the well-known URLs in order. A document
 * whose {@code resource} differs from the expected identifier is not used, and the flow stops before any
 * authorization request (RFC 9728 section 3.3).
 */
public final class ProtectedResourceMetadataDiscovery {

	private final OAuthHttpClient http;

	public ProtectedResourceMetadataDiscovery(OAuthHttpClient http) {
		this.http = http;
	}

	/**
	 * @return the metadata, or empty when the server publishes none (a 2025-03-26 server)
	 */
	public Optional<ProtectedResourceMetadata> discover(URI serverUrl, Optional<String> resourceMetadataUrl) {
		if (resourceMetadataUrl.isPresent()) {
			URI url = EndpointPolicy.require(resourceMetadataUrl.get(), "resource_metadata URL");
			OAuthHttpClient.Response response = this.http.get(url);
			if (!response.isOk()) {
				throw new McpAuthorizationException("protected resource metadata at " + url + " answered HTTP " + response.status());
			}
			return Optional.of(read(url.toString(), response, serverUrl.toString()));
		}
		for (WellKnownUris.Candidate candidate : WellKnownUris.protectedResource(serverUrl)) {
			OAuthHttpClient.Response response = this.http.get(URI.create(candidate.url()));
			if (response.isOk()) {
				return Optional.of(read(candidate.url(), response, candidate.expectedIdentifier()));
			}
			if (!isNotFound(response.status())) {
				throw new McpAuthorizationException(
						"protected resource metadata at " + candidate.url() + " answered HTTP " + response.status());
			}
		}
		return Optional.empty();
	}

	/** "Not found" moves on to the next URL: any 4xx, and 502 as other SDKs do (checklist section 2.3). */
	static boolean isNotFound(int status) {
		return (status >= 400 && status < 500) || status == 502;
	}

	private ProtectedResourceMetadata read(String location, OAuthHttpClient.Response response, String expected) {
		JsonNode document = this.http.jsonObject(response, "protected resource metadata at " + location);
		String resource = JsonFields.text(document, "resource")
			.orElseThrow(() -> new McpAuthorizationException("protected resource metadata at " + location + " has no resource"));
		if (!sameResource(resource, expected)) {
			throw new McpAuthorizationException("protected resource metadata at " + location + " is for resource " + resource
					+ ", not " + expected + "; it must not be used (RFC 9728 section 3.3)");
		}
		List<String> servers = JsonFields.textList(document, "authorization_servers");
		if (servers == null || servers.isEmpty()) {
			throw new McpAuthorizationException("protected resource metadata at " + location + " lists no authorization_servers");
		}
		return new ProtectedResourceMetadata(location, resource, servers, JsonFields.textList(document, "scopes_supported"));
	}

	/**
	 * RFC 9728 section 3.3 asks for identical strings. The only tolerance is the empty path of an origin, where
	 * "https://a" and "https://a/" name the same resource (RFC 3986 section 6.2.3).
	 */
	static boolean sameResource(String actual, String expected) {
		if (actual.equals(expected)) {
			return true;
		}
		URI a = URI.create(actual);
		URI e = URI.create(expected);
		boolean emptyPaths = (a.getRawPath() == null || a.getRawPath().isEmpty() || a.getRawPath().equals("/"))
				&& (e.getRawPath() == null || e.getRawPath().isEmpty() || e.getRawPath().equals("/"));
		return emptyPaths && a.getRawQuery() == null && e.getRawQuery() == null
				&& WellKnownUris.origin(a).equals(WellKnownUris.origin(e));
	}

}
