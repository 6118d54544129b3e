package dev.mcpauth.authserver.metrics;

import java.io.IOException;

import dev.mcpauth.oauth2.server.authorization.web.AuthorizationResponseHandler;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the outcome of each authorization request once its response is written: approved, denied
 * ({@code access_denied}) or another error code. The outcome comes from {@link AuthorizationResponseHandler},
 * which answers every authorization request, including those refused by Spring Authorization Server's validating
 * filter before any authentication event is published. Requests that end at the login form or the consent page
 * have no outcome yet.
 */
public final class AuthorizationOutcomeFilter extends OncePerRequestFilter {

	private final AuthorizationServerMetrics metrics;

	public AuthorizationOutcomeFilter(AuthorizationServerMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			Object outcome = request.getAttribute(AuthorizationResponseHandler.OUTCOME_ATTRIBUTE);
			if ("approved".equals(outcome)) {
				this.metrics.authorizationApproved();
			}
			else if (outcome instanceof String error) {
				this.metrics.authorizationFailed(error);
			}
		}
	}

}
