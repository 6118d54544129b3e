package dev.mcpauth.oauth2.server.resource.dpop;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code jti} values of the proofs accepted within the proof window (RFC 9449 section 11.1), so that a proof is
 * used once. Bounded in time (an entry is dropped once its proof is too old to be accepted anyway) and in size.
 * When the cache is full of live entries it refuses new proofs instead of forgetting one early, which would let
 * that proof be replayed.
 * <p>
 * The cache lives in this process: a proof replayed at another replica within the window is not detected here.
 * Required nonces ({@code dpop.nonce-required}) shorten the time a stolen proof is usable at any replica to the
 * nonce lifetime, but do not close that gap; a cache shared by all replicas would.
 */
public final class DpopReplayCache {

	/** Expired entries are swept at most this often unless the cache is full. */
	private static final long SWEEP_INTERVAL_MILLIS = 10_000;

	private final Map<String, Instant> seen = new ConcurrentHashMap<>();

	private final int maxEntries;

	private final Clock clock;

	private final AtomicLong lastSweep = new AtomicLong();

	public DpopReplayCache(int maxEntries, Clock clock) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1");
		}
		this.maxEntries = maxEntries;
		this.clock = clock;
		this.lastSweep.set(clock.millis());
	}

	/**
	 * Records a proof identifier.
	 * @param key the identifier (derived from the proof key and its {@code jti})
	 * @param expiresAt when the proof stops being acceptable
	 * @return {@code true} on first use, {@code false} for a replay
	 * @throws ReplayCacheFullException when the cache is full of live entries
	 */
	public boolean firstUse(String key, Instant expiresAt) {
		Instant now = this.clock.instant();
		sweepIfDue(now);
		if (this.seen.size() >= this.maxEntries) {
			sweep(now);
			if (this.seen.size() >= this.maxEntries) {
				Instant previous = this.seen.get(key);
				if (previous != null && now.isBefore(previous)) {
					return false;
				}
				throw new ReplayCacheFullException();
			}
		}
		Instant previous = this.seen.putIfAbsent(key, expiresAt);
		if (previous == null) {
			return true;
		}
		if (now.isBefore(previous)) {
			return false;
		}
		// an expired entry not swept yet: the proof carrying this jti now is a new one within its own window
		return this.seen.replace(key, previous, expiresAt);
	}

	int size() {
		return this.seen.size();
	}

	private void sweepIfDue(Instant now) {
		long last = this.lastSweep.get();
		if (now.toEpochMilli() - last >= SWEEP_INTERVAL_MILLIS && this.lastSweep.compareAndSet(last, now.toEpochMilli())) {
			sweep(now);
		}
	}

	private void sweep(Instant now) {
		this.seen.values().removeIf((expiry) -> !now.isBefore(expiry));
	}

	/** No room for another live proof identifier. */
	public static final class ReplayCacheFullException extends RuntimeException {

		ReplayCacheFullException() {
			super("The DPoP replay cache is full", null, false, false);
		}

	}

}
