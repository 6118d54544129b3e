package dev.mcpauth.oauth2.server.resource.web;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * MCP 2025-11-25 transports, Streamable HTTP "Security Warning": servers MUST validate {@code Origin} and answer 403
 * when it is present and invalid. This runs before authentication, and its 403 deliberately carries no
 * {@code WWW-Authenticate}, so no client mistakes it for a step-up challenge (checklist RS-16).
 */
public final class OriginValidationFilter extends RequestDispatchFilter {

	private final RequestMatcher mcpEndpoint;

	private final AllowedOrigins allowedOrigins;

	public OriginValidationFilter(RequestMatcher mcpEndpoint, AllowedOrigins allowedOrigins) {
		this.mcpEndpoint = mcpEndpoint;
		this.allowedOrigins = allowedOrigins;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.mcpEndpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Enumeration<String> origins = request.getHeaders(HttpHeaders.ORIGIN);
		String origin = (origins != null && origins.hasMoreElements()) ? origins.nextElement() : null;
		// A browser sends at most one Origin; several are a forgery attempt, not a browser.
		if (origin != null && (origins.hasMoreElements() || !this.allowedOrigins.isAllowed(origin))) {
			JsonErrorResponse.write(response, HttpStatus.FORBIDDEN,
					"{\"error\":\"forbidden_origin\",\"error_description\":\"Origin not allowed\"}");
			return;
		}
		chain.doFilter(request, response);
	}

}
