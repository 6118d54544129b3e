package dev.mcpauth.authserver.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Token buckets by limit name and key (a client address or a host), in a bounded LRU map so that many distinct
 * keys cannot exhaust memory. Bucket4j does the arithmetic; the {@link TimeMeter} is injectable so tests refill a
 * bucket by moving a clock instead of sleeping.
 */
public final class RateLimiter {

	private final Map<String, Bucket> buckets;

	private final TimeMeter time;

	public RateLimiter(int maxKeys, TimeMeter time) {
		this.time = time;
		this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > maxKeys;
			}
		};
	}

	/**
	 * Takes one token.
	 * @return {@code null} if allowed, otherwise how long until a token is available
	 */
	public Duration tryConsume(String limitName, String key, RateLimitProperties.Limit limit) {
		Bucket bucket;
		synchronized (this.buckets) {
			bucket = this.buckets.computeIfAbsent(limitName + " " + key, (k) -> newBucket(limit));
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? null : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	private Bucket newBucket(RateLimitProperties.Limit limit) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build())
			.withCustomTimePrecision(this.time)
			.build();
	}

	/** Whole seconds for {@code Retry-After} (RFC 9110 §10.2.3), at least 1. */
	public static long retryAfterSeconds(Duration wait) {
		long seconds = wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

}
