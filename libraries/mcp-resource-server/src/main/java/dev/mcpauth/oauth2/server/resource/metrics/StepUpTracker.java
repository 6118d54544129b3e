package dev.mcpauth.oauth2.server.resource.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Counts completed step-ups (MCP "Step-Up Authorization Flow"): after a 403 {@code insufficient_scope} challenge
 * to a caller (subject and client), the first request of that caller whose token holds every scope the challenge
 * named. Pending challenges are kept for {@value #PENDING_MINUTES} minutes, bounded in entries; only subject and
 * client identifiers are kept, never a token.
 */
public final class StepUpTracker {

	public static final String CALLER_ATTRIBUTE = StepUpTracker.class.getName() + ".caller";

	static final long PENDING_MINUTES = 10;

	private final ResourceServerMetrics metrics;

	private final Clock clock;

	private final Map<String, Pending> pending;

	public StepUpTracker(ResourceServerMetrics metrics, int maxEntries, Clock clock) {
		this.metrics = metrics;
		this.clock = clock;
		this.pending = new LinkedHashMap<>(64, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
				return size() > maxEntries;
			}
		};
	}

	/** Every authenticated request: remembers its caller for the challenge filter, and completes a step-up. */
	@EventListener
	public void onAuthenticated(AuthenticationSuccessEvent event) {
		if (!(event.getAuthentication() instanceof JwtAuthenticationToken token)) {
			return;
		}
		String caller = token.getToken().getSubject() + " " + token.getToken().getClaimAsString("client_id");
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.setAttribute(CALLER_ATTRIBUTE, caller, RequestAttributes.SCOPE_REQUEST);
		}
		Set<String> granted = scopes(token.getToken().getClaimAsString("scope"));
		Pending waiting;
		synchronized (this.pending) {
			waiting = this.pending.get(caller);
			if (waiting != null && (granted.containsAll(waiting.scopes())
					|| !this.clock.instant().isBefore(waiting.until()))) {
				this.pending.remove(caller);
			}
		}
		if (waiting != null && granted.containsAll(waiting.scopes()) && this.clock.instant().isBefore(waiting.until())) {
			this.metrics.stepUp();
		}
	}

	/** A 403 {@code insufficient_scope} was sent to {@code caller}, naming {@code scope}. */
	public void challenged(String caller, String scope) {
		Set<String> required = scopes(scope);
		if (caller == null || required.isEmpty()) {
			return;
		}
		synchronized (this.pending) {
			this.pending.put(caller, new Pending(required, this.clock.instant().plus(Duration.ofMinutes(PENDING_MINUTES))));
		}
	}

	private static Set<String> scopes(String scope) {
		return (scope == null) ? Set.of()
				: Arrays.stream(scope.split(" ")).filter((s) -> !s.isEmpty()).collect(Collectors.toSet());
	}

	private record Pending(Set<String> scopes, Instant until) {
	}

}
