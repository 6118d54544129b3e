package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request whose document fetch was refused by the per-host limit with 429, {@code Retry-After} (RFC 6585
 * §4) and OAuth's {@code temporarily_unavailable} (RFC 6749 §4.1.2.1), instead of letting the exception become a
 * 500. Installed by the MCP configurer at the front of the authorization server chain.
 */
public final class FetchRateLimitExceededFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			FetchRateLimitExceededException limited = find(ex);
			if (limited == null || response.isCommitted()) {
				throw ex;
			}
			response.reset();
			long seconds = Math.max(1, limited.retryAfter().toSeconds() + ((limited.retryAfter().toNanosPart() > 0) ? 1 : 0));
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader("Retry-After", Long.toString(seconds));
			response.setHeader("Cache-Control", "no-store");
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter()
				.write("{\"error\":\"temporarily_unavailable\",\"error_description\":"
						+ "\"Too many requests to the client's metadata host; retry later\"}");
		}
	}

	private static FetchRateLimitExceededException find(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof FetchRateLimitExceededException limited) {
				return limited;
			}
		}
		return null;
	}

}
