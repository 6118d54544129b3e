package dev.mcpauth.authserver.ratelimit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the per-address limits of {@link RateLimitProperties} ahead of Spring Security (the library answers a
 * CIMD fetch refused by its per-host limit the same way):
 *
 * <pre>
 * HTTP/1.1 429 Too Many Requests
 * Retry-After: 12
 * Cache-Control: no-store
 * Content-Type: application/json
 *
 * {"error":"temporarily_unavailable","error_description":"Too many requests to the token endpoint; retry later"}
 * </pre>
 *
 * {@code temporarily_unavailable} is OAuth's code for an overloaded server (RFC 6749 §4.1.2.1); 429 and
 * {@code Retry-After} are RFC 6585 §4. The client address is {@code getRemoteAddr()}: behind a reverse proxy set
 * {@code server.forward-headers-strategy} so it is the real client's.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	private final Consumer<String> onLimited;

	private final Rule[] rules;

	/**
	 * @param onLimited told the limit name each time a request is refused (metrics)
	 */
	public RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, AuthorizationServerSettings settings,
			Consumer<String> onLimited) {
		this.limiter = limiter;
		this.properties = properties;
		this.onLimited = onLimited;
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		this.rules = new Rule[] {
				new Rule("register", "the registration endpoint",
						paths.matcher(HttpMethod.POST, settings.getClientRegistrationEndpoint()), properties.register()),
				new Rule("authorize", "the authorization endpoint", paths.matcher(settings.getAuthorizationEndpoint()),
						properties.authorize()),
				new Rule("token", "the token endpoint", paths.matcher(HttpMethod.POST, settings.getTokenEndpoint()),
						properties.token()) };
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.properties.enabled()) {
			for (Rule rule : this.rules) {
				if (rule.matcher().matches(request)) {
					Duration wait = this.limiter.tryConsume(rule.name(), request.getRemoteAddr(), rule.limit());
					if (wait != null) {
						tooManyRequests(response, rule.name(), rule.description(), wait);
						return;
					}
					break;
				}
			}
		}
		chain.doFilter(request, response);
	}

	private void tooManyRequests(HttpServletResponse response, String limit, String description, Duration wait)
			throws IOException {
		this.onLimited.accept(limit);
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(wait)));
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"error\":\"temporarily_unavailable\",\"error_description\":\"Too many requests to " + description
					+ "; retry later\"}");
	}

	private record Rule(String name, String description, RequestMatcher matcher, RateLimitProperties.Limit limit) {
	}

}
