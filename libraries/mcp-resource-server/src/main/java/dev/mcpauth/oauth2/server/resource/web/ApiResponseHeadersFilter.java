package dev.mcpauth.oauth2.server.resource.web;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The response headers of a JSON API, written before the chain runs: the same names and values as Spring Security's
 * default {@code HeaderWriterFilter} (which the MCP chain disables), without its response wrapper, which intercepts
 * every write and flush to add the headers when the response commits.
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code X-XSS-Protection: 0};</li>
 * <li>{@code Strict-Transport-Security: max-age=31536000 ; includeSubDomains} on a secure request;</li>
 * <li>{@code Cache-Control: no-cache, no-store, max-age=0, must-revalidate}, {@code Pragma: no-cache},
 * {@code Expires: 0}: answers of the MCP endpoint carry the caller's data and challenges, and are never stored. An
 * answer that sets its own {@code Cache-Control} with {@code setHeader} replaces the first of these; one that adds
 * it ({@code addHeader}, e.g. the transport's SSE {@code no-cache}) keeps {@code no-store} beside it, which a cache
 * reads as the stricter of the two (RFC 9111 section 4.2.1 and 5.2).</li>
 * </ul>
 * The values are constants: nothing is computed per request. Not a {@code OncePerRequestFilter}: writing the same
 * headers again on a later dispatch of the same response changes nothing.
 */
public final class ApiResponseHeadersFilter implements Filter {

	static final String CACHE_CONTROL = "no-cache, no-store, max-age=0, must-revalidate";

	static final String HSTS = "max-age=31536000 ; includeSubDomains";

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletResponse http = (HttpServletResponse) response;
		writeSecurityHeaders((HttpServletRequest) request, http);
		http.setHeader("Cache-Control", CACHE_CONTROL);
		http.setHeader("Pragma", "no-cache");
		http.setHeader("Expires", "0");
		chain.doFilter(request, response);
	}

	/**
	 * The headers every answer carries, whatever its caching (the metadata document sets its own).
	 * @param request the request
	 * @param response the response
	 */
	public static void writeSecurityHeaders(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("X-XSS-Protection", "0");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", HSTS);
		}
	}

}
