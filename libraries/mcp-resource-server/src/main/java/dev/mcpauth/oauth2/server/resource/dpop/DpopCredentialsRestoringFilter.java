package dev.mcpauth.oauth2.server.resource.dpop;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the request with its {@code Authorization} header back to the rest of the chain once the authentication
 * filters have run (see {@link DpopAuthenticationFilter}).
 */
public final class DpopCredentialsRestoringFilter extends OncePerRequestFilter {

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
