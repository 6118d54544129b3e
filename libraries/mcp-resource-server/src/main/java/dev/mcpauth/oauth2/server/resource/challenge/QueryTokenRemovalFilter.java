package dev.mcpauth.oauth2.server.resource.challenge;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OAuth 2.1 section 5.1: resource servers MUST ignore access tokens in a URI query parameter (checklist RS-10).
 *
 * <p>{@link StrictBearerTokenResolver} never reads them; this filter, which runs before Spring Security, also hides
 * the {@code access_token} query parameter from everything downstream, because Spring Security logs the request
 * line, query string included, at DEBUG ("Securing POST /mcp?access_token=..."), and a token must never reach a log
 * (checklist RS-17), not even one a client misplaced.
 */
public final class QueryTokenRemovalFilter extends OncePerRequestFilter {

	static final String ACCESS_TOKEN = "access_token";

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String query = request.getQueryString();
		return query == null || !query.contains(ACCESS_TOKEN);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new WithoutQueryToken(request), response);
	}

	private static final class WithoutQueryToken extends HttpServletRequestWrapper {

		private final String queryString;

		WithoutQueryToken(HttpServletRequest request) {
			super(request);
			String kept = Arrays.stream(request.getQueryString().split("&"))
				.filter(pair -> !pair.equals(ACCESS_TOKEN) && !pair.startsWith(ACCESS_TOKEN + "="))
				.collect(Collectors.joining("&"));
			this.queryString = kept.isEmpty() ? null : kept;
		}

		@Override
		public String getQueryString() {
			return this.queryString;
		}

		@Override
		public String getParameter(String name) {
			return ACCESS_TOKEN.equals(name) ? null : super.getParameter(name);
		}

		@Override
		public String[] getParameterValues(String name) {
			return ACCESS_TOKEN.equals(name) ? null : super.getParameterValues(name);
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
			parameters.remove(ACCESS_TOKEN);
			return Collections.unmodifiableMap(parameters);
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(getParameterMap().keySet());
		}

	}

}
