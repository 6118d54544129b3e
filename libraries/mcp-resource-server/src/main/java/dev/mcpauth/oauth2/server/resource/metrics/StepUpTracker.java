package dev.mcpauth.oauth2.server.resource.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Counts completed step-ups (MCP "Step-Up Authorization Flow"): after a 403 {@code insufficient_scope} challenge
 * to a caller (subject and client), the first request of that caller whose token holds every scope the challenge
 * named. Pending challenges are kept for {@value #PENDING_MINUTES} minutes, bounded in entries; only subject and
 * client identifiers are kept, never a token.
 *
 * <p>The tracker sees every accepted token through {@link #observing(Converter)}, which the
 * {@code McpResourceServerConfigurer} puts around the chain's JWT-to-{@code Authentication} conversion, the last
 * step of both the Bearer and the DPoP path. While no challenge is pending (the usual case) that costs one volatile
 * read per request: no lock, no event, no string.
 */
public final class StepUpTracker {

	static final long PENDING_MINUTES = 10;

	private final ResourceServerMetrics metrics;

	private final Clock clock;

	private final Map<String, Pending> pending;

	/** {@code pending.size()}, readable without the lock. */
	private volatile int pendingCount;

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

	/**
	 * @param authentication what accepted tokens become
	 * @return the same conversion, reporting each accepted token to this tracker
	 */
	public Converter<Jwt, AbstractAuthenticationToken> observing(
			Converter<Jwt, ? extends AbstractAuthenticationToken> authentication) {
		return (jwt) -> {
			AbstractAuthenticationToken authenticated = authentication.convert(jwt);
			if (authenticated != null) {
				authenticated(authenticated);
			}
			return authenticated;
		};
	}

	/** An authenticated request: completes the caller's pending step-up when its token now holds the scopes. */
	public void authenticated(Authentication authentication) {
		if (this.pendingCount == 0) {
			return;
		}
		String caller = callerOf(authentication);
		if (caller == null) {
			return;
		}
		Set<String> granted = scopes(((JwtAuthenticationToken) authentication).getToken().getClaimAsString("scope"));
		Pending waiting;
		synchronized (this.pending) {
			waiting = this.pending.get(caller);
			if (waiting != null && (granted.containsAll(waiting.scopes())
					|| !this.clock.instant().isBefore(waiting.until()))) {
				this.pending.remove(caller);
				this.pendingCount = this.pending.size();
			}
		}
		if (waiting != null && granted.containsAll(waiting.scopes()) && this.clock.instant().isBefore(waiting.until())) {
			this.metrics.stepUp();
		}
	}

	/** A 403 {@code insufficient_scope} naming {@code scope} was sent to the caller of {@code authentication}. */
	public void challenged(Authentication authentication, String scope) {
		String caller = callerOf(authentication);
		Set<String> required = scopes(scope);
		if (caller == null || required.isEmpty()) {
			return;
		}
		synchronized (this.pending) {
			this.pending.put(caller, new Pending(required, this.clock.instant().plus(Duration.ofMinutes(PENDING_MINUTES))));
			this.pendingCount = this.pending.size();
		}
	}

	/** Subject and client of a token-authenticated caller, or {@code null}. */
	private static String callerOf(Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			return null;
		}
		return token.getToken().getSubject() + " " + token.getToken().getClaimAsString("client_id");
	}

	private static Set<String> scopes(String scope) {
		return (scope == null) ? Set.of()
				: Arrays.stream(scope.split(" ")).filter((s) -> !s.isEmpty()).collect(Collectors.toSet());
	}

	private record Pending(Set<String> scopes, Instant until) {
	}

}
