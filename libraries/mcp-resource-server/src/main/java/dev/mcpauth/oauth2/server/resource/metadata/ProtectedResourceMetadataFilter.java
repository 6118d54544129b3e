package dev.mcpauth.oauth2.server.resource.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.mcpauth.oauth2.server.resource.web.ApiResponseHeadersFilter;
import dev.mcpauth.oauth2.server.resource.web.RequestDispatchFilter;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Serves the protected resource metadata and owns every {@code GET} (and {@code HEAD}) {@code /.well-known/*}
 * (checklist RS-01, RS-02, RS-03, RS-06, RS-15).
 *
 * <ul>
 * <li>The document is served at the path-inserted location that {@code resource_metadata} challenges point to
 * (RFC 9728 section 3.1), and the same document at the root location: this server protects exactly one resource,
 * and clients that probe the root (checklist section 2.1, step 4) then learn the one identifier that tokens must
 * carry.</li>
 * <li>Every other {@code /.well-known/} path answers a JSON 404, so that a client's discovery fallback chain is never
 * stopped by a challenge, a login page or HTML.</li>
 * <li>The document is public, so any origin may read it (CORS {@code *}, preflight answered here); browser-based
 * clients need that.</li>
 * </ul>
 *
 * <p>This filter runs before Spring Security's own {@code OAuth2ProtectedResourceMetadataFilter}, which the resource
 * server DSL always installs and which would derive {@code resource} from the request URL and advertise
 * certificate-bound tokens: that filter never sees a well-known request here.
 */
public final class ProtectedResourceMetadataFilter extends RequestDispatchFilter {

	private static final String WELL_KNOWN_PREFIX = "/.well-known/";

	private static final byte[] NOT_FOUND = "{\"error\":\"not_found\",\"error_description\":\"No metadata here\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final String metadataPath;

	private final byte[] document;

	public ProtectedResourceMetadataFilter(ProtectedResource protectedResource, ProtectedResourceMetadata metadata) {
		this.metadataPath = protectedResource.metadataPath();
		this.document = JsonMapper.builder().build().writeValueAsBytes(metadata);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return !(HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method))
				|| !path(request).startsWith(WELL_KNOWN_PREFIX);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// this filter answers ahead of the chain's header filter
		ApiResponseHeadersFilter.writeSecurityHeaders(request, response);
		if (HttpMethod.OPTIONS.matches(request.getMethod())) {
			allowAnyOrigin(request, response);
			return;
		}
		String path = path(request);
		boolean metadata = path.equals(this.metadataPath) || path.equals(ProtectedResource.WELL_KNOWN);
		response.setStatus(metadata ? HttpStatus.OK.value() : HttpStatus.NOT_FOUND.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader("Access-Control-Allow-Origin", "*");
		// RFC 9728 section 3.2: 200 and application/json. The document only changes with configuration.
		response.setHeader("Cache-Control", metadata ? "public, max-age=300" : "no-store");
		byte[] body = metadata ? this.document : NOT_FOUND;
		response.setContentLength(body.length);
		if (!HttpMethod.HEAD.matches(request.getMethod())) { // RFC 9110 section 9.3.2: GET's header fields, no body
			response.getOutputStream().write(body);
		}
	}

	/**
	 * CORS preflight: browser clients send {@code MCP-Protocol-Version} on metadata requests (checklist section 2.1),
	 * which makes the GET non-simple.
	 */
	private static void allowAnyOrigin(HttpServletRequest request, HttpServletResponse response) {
		response.setStatus(HttpStatus.NO_CONTENT.value());
		response.setHeader("Access-Control-Allow-Origin", "*");
		response.setHeader("Access-Control-Allow-Methods", "GET");
		String requestedHeaders = request.getHeader("Access-Control-Request-Headers");
		if (requestedHeaders != null) {
			response.setHeader("Access-Control-Allow-Headers", requestedHeaders);
		}
		response.setHeader("Access-Control-Max-Age", "3600");
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
