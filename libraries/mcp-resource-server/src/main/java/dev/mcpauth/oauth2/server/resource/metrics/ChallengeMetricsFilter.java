package dev.mcpauth.oauth2.server.resource.metrics;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the bearer challenges the server sent, read from the finished response so that every path that
 * challenges (entry point, failure handler, access denied handler) is covered: {@code missing_token} (401 without
 * {@code error}), {@code invalid_token} (401), {@code invalid_request} (400), {@code insufficient_scope} (403).
 * An {@code insufficient_scope} challenge is also handed to the {@link StepUpTracker}.
 */
public final class ChallengeMetricsFilter extends OncePerRequestFilter {

	private static final Pattern ERROR = Pattern.compile("error=\"([a-z_]+)\"");

	private static final Pattern SCOPE = Pattern.compile("scope=\"([^\"]*)\"");

	private final ResourceServerMetrics metrics;

	private final StepUpTracker stepUps;

	private final RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

	public ChallengeMetricsFilter(ResourceServerMetrics metrics, StepUpTracker stepUps) {
		this.metrics = metrics;
		this.stepUps = stepUps;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, response);
		String challenge = response.getHeader(HttpHeaders.WWW_AUTHENTICATE);
		if (challenge == null || !challenge.startsWith("Bearer")) {
			return;
		}
		Matcher error = ERROR.matcher(challenge);
		String kind = error.find() ? error.group(1) : "missing_token";
		switch (kind) {
			case "missing_token", "invalid_token", "invalid_request" -> this.metrics.challenge(kind).increment();
			case "insufficient_scope" -> {
				this.metrics.challenge(kind).increment();
				Matcher scope = SCOPE.matcher(challenge);
				if (scope.find()) {
					// the caller as the bearer or DPoP filter stored it for this request (the holder is cleared here)
					this.stepUps.challenged(this.contexts.loadDeferredContext(request).get().getAuthentication(),
							scope.group(1));
				}
			}
			default -> this.metrics.challenge("other").increment();
		}
	}

}
