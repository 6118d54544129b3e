package dev.mcpauth.oauth2.server.resource.web;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The base of the library's filters in the MCP chain: {@link #doFilterInternal} runs on the {@code REQUEST}
 * dispatch only, as a {@code OncePerRequestFilter} with its defaults does (it skips {@code ASYNC} and
 * {@code ERROR} dispatches, and a {@code FORWARD} or {@code INCLUDE} inside the request it already filters), but
 * decided by the dispatcher type alone: no request attribute is built, read, set and removed per filter and per
 * request. Each filter instance belongs to one chain built by the configurer, so it cannot be nested in itself
 * within the {@code REQUEST} dispatch.
 */
public abstract class RequestDispatchFilter implements Filter {

	@Override
	public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
			throw new ServletException("RequestDispatchFilter only supports HTTP requests");
		}
		if (http.getDispatcherType() != DispatcherType.REQUEST || shouldNotFilter(http)) {
			chain.doFilter(request, response);
			return;
		}
		doFilterInternal(http, httpResponse, chain);
	}

	/**
	 * @param request the request
	 * @return {@code true} to pass the request on untouched
	 */
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return false;
	}

	/**
	 * The filter's work, on the {@code REQUEST} dispatch of a request it does not skip.
	 * @param request the request
	 * @param response the response
	 * @param chain the rest of the chain
	 * @throws IOException from the chain
	 * @throws ServletException from the chain
	 */
	protected abstract void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException;

}
