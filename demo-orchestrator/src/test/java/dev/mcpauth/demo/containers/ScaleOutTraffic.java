package dev.mcpauth.demo.containers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the scale-out test saw, from the client's side: responses per replica (the proxy's {@code X-Served-By})
 * before and after the kill, statuses, logins and consents answered by different replicas, MCP sessions and
 * re-initializations. Thread-safe; the workers share one instance.
 */
final class ScaleOutTraffic {

	private final AtomicReference<String> phase = new AtomicReference<>("before-kill");

	private final Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();

	private final Map<String, String> sessions = new ConcurrentHashMap<>();

	private final AtomicInteger logins = new AtomicInteger();

	private final AtomicInteger crossReplicaConsents = new AtomicInteger();

	private final AtomicInteger recoveries = new AtomicInteger();

	private final AtomicInteger transportErrors = new AtomicInteger();

	private final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());

	void killed() {
		this.phase.set("after-kill");
	}

	void response(String step, int status, String replica) {
		count(this.servedBy, this.phase.get() + " " + replica);
		count(this.statuses, String.valueOf(status));
		if (status == 500) {
			this.serverErrors.add(step + " on " + replica);
		}
	}

	void transportError() {
		this.transportErrors.incrementAndGet();
		count(this.statuses, "io-error");
	}

	void login() {
		this.logins.incrementAndGet();
	}

	void consent(String loginReplica, String consentReplica) {
		if (!loginReplica.equals(consentReplica)) {
			this.crossReplicaConsents.incrementAndGet();
		}
	}

	void sessionServedBy(String sessionId, String replica) {
		this.sessions.put(sessionId, replica);
	}

	String lastServedBy(String sessionId) {
		return this.sessions.get(sessionId);
	}

	void recovery() {
		this.recoveries.incrementAndGet();
	}

	/** Responses the replica sent in the phase ({@code before-kill}, {@code after-kill}). */
	int served(String phase, String replica) {
		AtomicInteger count = this.servedBy.get(phase + " " + replica);
		return (count != null) ? count.get() : 0;
	}

	int status(int status) {
		AtomicInteger count = this.statuses.get(String.valueOf(status));
		return (count != null) ? count.get() : 0;
	}

	int logins() {
		return this.logins.get();
	}

	int crossReplicaConsents() {
		return this.crossReplicaConsents.get();
	}

	int recoveries() {
		return this.recoveries.get();
	}

	List<String> serverErrors() {
		return List.copyOf(this.serverErrors);
	}

	private static void count(Map<String, AtomicInteger> counts, String key) {
		counts.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	@Override
	public String toString() {
		return "served " + new TreeMap<>(this.servedBy) + ", statuses " + new TreeMap<>(this.statuses) + ", logins "
				+ this.logins + " (consent on another replica: " + this.crossReplicaConsents + "), MCP re-initializations "
				+ this.recoveries + ", connection errors " + this.transportErrors;
	}

}
