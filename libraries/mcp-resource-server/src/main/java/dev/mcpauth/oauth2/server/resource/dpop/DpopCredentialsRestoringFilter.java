package dev.mcpauth.oauth2.server.resource.dpop;

import java.io.IOException;

import dev.mcpauth.oauth2.server.resource.web.RequestDispatchFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Hands the request with its {@code Authorization} header back to the rest of the chain once the authentication
 * filters have run (see {@link DpopAuthenticationFilter}).
 */
public final class DpopCredentialsRestoringFilter extends RequestDispatchFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request instanceof DpopAuthenticationFilter.DpopCredentialsRequest hidden) {
			chain.doFilter(hidden.original(), response);
			return;
		}
		chain.doFilter(request, response);
	}

}
