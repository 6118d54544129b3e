package dev.mcpauth.oauth2.server.authorization.resource;

import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * The resources this server issues tokens for, and the RFC 8707 {@code resource} parameter rules shared by the
 * authorization and token endpoints.
 *
 * <p>Values are compared as exact strings against the configured canonical URIs: the resource server checks the
 * token's {@code aud} the same way, so any normalisation here would only hide a mismatch (MCP "Canonical Server
 * URI"). This server takes exactly one {@code resource} per request (an MCP client talks to one MCP server).
 */
public final class ProtectedResources {

	/** RFC 8707 §2: the request parameter name. */
	public static final String PARAMETER = "resource";

	/** RFC 8707 §2: the error code for a missing, unknown or malformed resource. */
	public static final String INVALID_TARGET = "invalid_target";

	static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8707#section-2";

	private final List<String> resources;

	public ProtectedResources(List<String> resources) {
		this.resources = List.copyOf(resources);
	}

	public List<String> resources() {
		return this.resources;
	}

	/**
	 * Reads the single {@code resource} value from request parameters as Spring Authorization Server parsed them
	 * (a {@code String}, or a {@code String[]} when repeated).
	 * @return the requested resource
	 * @throws InvalidTargetException if it is missing, repeated or not configured here
	 */
	public String requireKnown(Map<String, Object> parameters) {
		Object value = parameters.get(PARAMETER);
		if (value == null || (value instanceof String s && s.isEmpty())) {
			throw new InvalidTargetException("The resource parameter is required (RFC 8707)");
		}
		if (!(value instanceof String resource)) {
			throw new InvalidTargetException("Exactly one resource parameter is supported");
		}
		if (!this.resources.contains(resource)) {
			throw new InvalidTargetException("The resource is not served by this authorization server");
		}
		return resource;
	}

	/**
	 * @return the resource bound to the grant at the authorization endpoint, or {@code null} if none
	 */
	public static String boundResource(OAuth2Authorization authorization) {
		OAuth2AuthorizationRequest authorizationRequest = authorization
			.getAttribute(OAuth2AuthorizationRequest.class.getName());
		if (authorizationRequest == null) {
			return null;
		}
		Object resource = authorizationRequest.getAdditionalParameters().get(PARAMETER);
		return (resource instanceof String s) ? s : null;
	}

	/**
	 * A {@code resource} the server will not issue a token for.
	 */
	public static final class InvalidTargetException extends RuntimeException {

		InvalidTargetException(String description) {
			super(description);
		}

		public OAuth2Error toError() {
			return new OAuth2Error(INVALID_TARGET, getMessage(), ERROR_URI);
		}

	}

}
