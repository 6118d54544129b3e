package dev.mcpauth.oauth2.server.authorization.cimd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Turns a {@code client_id} URL into a validated {@link ClientMetadataDocument}: URL policy first (no fetch for a
 * bad URL), then fetch, then validation, with a bounded cache of valid documents only.
 *
 * <p>Caching (CIMD-00 §4.4): the publisher's {@code max-age} is clamped to [min, max]; without one the default
 * lifetime applies; {@code no-store}/{@code no-cache} means "do not cache". Fetch errors and invalid documents are
 * never cached, so a fixed document is picked up on the next request.
 */
public final class ClientIdMetadataDocumentResolver {

	private static final Log logger = LogFactory.getLog(ClientIdMetadataDocumentResolver.class);

	private final ClientIdUrlPolicy urlPolicy;

	private final ClientIdMetadataDocumentFetcher fetcher;

	private final ClientIdMetadataDocumentValidator validator;

	private final CachePolicy cachePolicy;

	private final Clock clock;

	private final Map<String, CachedDocument> cache = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<Resolution>> inFlight = new ConcurrentHashMap<>();

	public ClientIdMetadataDocumentResolver(ClientIdUrlPolicy urlPolicy, ClientIdMetadataDocumentFetcher fetcher,
			ClientIdMetadataDocumentValidator validator, CachePolicy cachePolicy, Clock clock) {
		this.urlPolicy = urlPolicy;
		this.fetcher = fetcher;
		this.validator = validator;
		this.cachePolicy = cachePolicy;
		this.clock = clock;
	}

	/**
	 * @param clientId the raw {@code client_id}; also the cache key, unnormalised (checklist §3.3)
	 * @return the resolved document and whether it was freshly fetched
	 * @throws ClientIdMetadataDocumentException if the URL is not acceptable, the fetch fails or the document is
	 * invalid
	 */
	public Resolution resolve(String clientId) {
		Resolution cached = fromCache(clientId);
		if (cached != null) {
			return cached;
		}
		// Single flight (issue 7): concurrent first authorizations of one client_id share one fetch, validation
		// and cache write; whoever comes after the leader finished finds the cache filled (checked again below).
		CompletableFuture<Resolution> mine = new CompletableFuture<>();
		CompletableFuture<Resolution> leader = this.inFlight.putIfAbsent(clientId, mine);
		if (leader != null) {
			return follow(leader);
		}
		try {
			Resolution resolution = fromCache(clientId);
			if (resolution == null) {
				resolution = fetchAndValidate(clientId);
			}
			mine.complete(resolution);
			return resolution;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(clientId, mine);
		}
	}

	private Resolution fromCache(String clientId) {
		CachedDocument cached = this.cache.get(clientId);
		return (cached != null && this.clock.instant().isBefore(cached.expiresAt()))
				? new Resolution(cached.document(), false) : null;
	}

	private static Resolution follow(CompletableFuture<Resolution> leader) {
		try {
			return leader.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof ClientIdMetadataDocumentException failure) {
				throw new ClientIdMetadataDocumentException(failure.getMessage());
			}
			throw new ClientIdMetadataDocumentException("the client metadata document could not be resolved");
		}
	}

	private Resolution fetchAndValidate(String clientId) {
		Instant now = this.clock.instant();
		this.urlPolicy.check(clientId);
		ClientMetadataDocument document;
		Duration ttl;
		try {
			FetchedDocument fetched = this.fetcher.fetch(clientId);
			document = this.validator.validate(fetched.body(), clientId);
			ttl = this.cachePolicy.lifetime(fetched.maxAge());
		}
		catch (ClientIdMetadataDocumentException ex) {
			this.cache.remove(clientId);
			// SEP-991: log failures; the reason is safe, the document body is never logged
			logger.info("Client ID Metadata Document rejected for " + clientId + ": " + ex.getMessage());
			throw ex;
		}
		if (!ttl.isZero() && !ttl.isNegative()) {
			if (this.cache.size() >= this.cachePolicy.maxEntries()) {
				this.cache.values().removeIf((entry) -> !now.isBefore(entry.expiresAt()));
				if (this.cache.size() >= this.cachePolicy.maxEntries()) {
					this.cache.clear();
				}
			}
			this.cache.put(clientId, new CachedDocument(document, now.plus(ttl)));
		}
		else {
			this.cache.remove(clientId);
		}
		return new Resolution(document, true);
	}

	/**
	 * @param document the validated document
	 * @param fetched {@code true} if it was fetched for this call rather than served from the cache
	 */
	public record Resolution(ClientMetadataDocument document, boolean fetched) {
	}

	/**
	 * Bounds on how long a valid document may be reused.
	 */
	public record CachePolicy(Duration defaultTtl, Duration minTtl, Duration maxTtl, int maxEntries) {

		Duration lifetime(Duration maxAge) {
			if (maxAge == null) {
				return clamp(this.defaultTtl);
			}
			if (maxAge.isZero()) {
				return Duration.ZERO;
			}
			return clamp(maxAge);
		}

		private Duration clamp(Duration ttl) {
			if (ttl.compareTo(this.minTtl) < 0) {
				return this.minTtl;
			}
			return (ttl.compareTo(this.maxTtl) > 0) ? this.maxTtl : ttl;
		}

	}

	private record CachedDocument(ClientMetadataDocument document, Instant expiresAt) {
	}

}
