package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.cimd.FetchedDocument;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Limits network fetches of Client ID Metadata Documents (and {@code jwks_uri} key sets) per host with a Bucket4j
 * token bucket, so that the authorization server cannot be used to hammer a third party's host with requests for
 * ever new {@code client_id} paths (SEP-991 "rate limit outbound requests"). Wraps the network fetcher, under the
 * caches: cached documents cost nothing. Buckets are kept for at most {@code maxHosts} hosts (least recently used
 * dropped). A refused fetch throws {@link FetchRateLimitExceededException}.
 */
public final class HostRateLimitedFetcher implements ClientIdMetadataDocumentFetcher {

	private final ClientIdMetadataDocumentFetcher delegate;

	private final int capacity;

	private final Duration period;

	private final TimeMeter time;

	private final Map<String, Bucket> buckets;

	/**
	 * @param capacity fetches allowed per host in a burst
	 * @param period time in which a spent bucket fills up again
	 * @param maxHosts bound on the hosts remembered
	 * @param time the buckets' clock ({@link TimeMeter#SYSTEM_NANOTIME} in production)
	 */
	public HostRateLimitedFetcher(ClientIdMetadataDocumentFetcher delegate, int capacity, Duration period,
			int maxHosts, TimeMeter time) {
		if (capacity < 1 || period == null || period.isZero() || period.isNegative()) {
			throw new IllegalArgumentException("a rate limit needs a capacity >= 1 and a positive period");
		}
		this.delegate = delegate;
		this.capacity = capacity;
		this.period = period;
		this.time = time;
		this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > maxHosts;
			}
		};
	}

	@Override
	public FetchedDocument fetch(String clientId) {
		Bucket bucket;
		synchronized (this.buckets) {
			bucket = this.buckets.computeIfAbsent(host(clientId), (host) -> newBucket());
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw new FetchRateLimitExceededException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
		return this.delegate.fetch(clientId);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(this.capacity).refillGreedy(this.capacity, this.period).build())
			.withCustomTimePrecision(this.time)
			.build();
	}

	private static String host(String url) {
		try {
			String host = URI.create(url).getHost();
			return (host != null) ? host.toLowerCase(Locale.ROOT) : "";
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

}
