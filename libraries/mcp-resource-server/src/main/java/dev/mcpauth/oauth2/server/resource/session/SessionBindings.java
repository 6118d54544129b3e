package dev.mcpauth.oauth2.server.resource.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which caller created which MCP session. An id missing from this registry is treated like an unknown session: the
 * caller gets 404 and, as the Streamable HTTP transport prescribes, starts a new session. Entries idle for longer
 * than the transport's own idle timeout are dropped, so the registry cannot outgrow the live sessions.
 */
public final class SessionBindings {

	private record Binding(SessionOwner owner, Instant lastSeen) {
	}

	private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

	private final Duration idleTimeout;

	private final Clock clock;

	public SessionBindings(Duration idleTimeout, Clock clock) {
		this.idleTimeout = idleTimeout;
		this.clock = clock;
	}

	void bind(String sessionId, SessionOwner owner) {
		Instant now = this.clock.instant();
		this.bindings.values().removeIf(binding -> binding.lastSeen().plus(this.idleTimeout).isBefore(now));
		this.bindings.put(sessionId, new Binding(owner, now));
	}

	/** True if the session exists here and belongs to {@code owner}; refreshes its idle timer. */
	boolean isOwnedBy(String sessionId, SessionOwner owner) {
		Binding updated = this.bindings.computeIfPresent(sessionId,
				(id, binding) -> binding.owner().equals(owner) ? new Binding(owner, this.clock.instant()) : binding);
		return updated != null && updated.owner().equals(owner);
	}

	void unbind(String sessionId) {
		this.bindings.remove(sessionId);
	}

}
