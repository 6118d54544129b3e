package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.cimd.FetchedDocument;

/**
 * Shields the network fetcher from load and brief outages; the validated-document cache with its
 * {@code Cache-Control} lifetime stays in the resolver. Three rules, all bounded in entries:
 *
 * <ul>
 * <li><b>Single flight.</b> Concurrent fetches of one {@code client_id} share one network fetch: a hundred
 * simultaneous first authorizations cause one request to the client's host (SEP-991 "rate limit outbound
 * requests").</li>
 * <li><b>Short negative cache for unreachable hosts.</b> A host that did not answer at all (connect failure,
 * timeout) is not asked again for {@code negativeTtl}, so an attacker cannot tie up a request thread per
 * authorization with a black-holed host. HTTP error responses and invalid documents are never cached
 * (CIMD-00 §4.4 MUST NOT): they are refetched on the next request.</li>
 * <li><b>Bounded stale-if-error.</b> When a refetch fails transiently (no answer, or 500/502/503/504, RFC 5861
 * §4), a document fetched successfully within {@code staleIfError} is served again, with a zero lifetime so the
 * resolver does not cache it and the next request retries. Refusals (URL or address policy, redirects, 404,
 * wrong type, oversize) never fall back: the operator's and the publisher's decisions take effect at once.</li>
 * </ul>
 */
public final class CoalescingDocumentFetcher implements ClientIdMetadataDocumentFetcher, AutoCloseable {

	private final ClientIdMetadataDocumentFetcher delegate;

	private final Duration negativeTtl;

	private final Duration staleIfError;

	private final Clock clock;

	private final Map<String, CompletableFuture<FetchedDocument>> inFlight = new ConcurrentHashMap<>();

	private final Map<String, Unreachable> unreachable;

	private final Map<String, LastGood> lastGood;

	/**
	 * @param delegate the network fetcher
	 * @param negativeTtl how long an unreachable host is not asked again ({@code 0} disables)
	 * @param staleIfError how long after a successful fetch its copy may bridge a transient failure ({@code 0}
	 * disables)
	 * @param maxEntries bound on remembered hosts and last-good copies (least recently used are dropped)
	 * @param clock time source
	 */
	public CoalescingDocumentFetcher(ClientIdMetadataDocumentFetcher delegate, Duration negativeTtl,
			Duration staleIfError, int maxEntries, Clock clock) {
		this.delegate = delegate;
		this.negativeTtl = negativeTtl;
		this.staleIfError = staleIfError;
		this.clock = clock;
		this.unreachable = boundedMap(maxEntries);
		this.lastGood = boundedMap(maxEntries);
	}

	@Override
	public FetchedDocument fetch(String clientId) {
		CompletableFuture<FetchedDocument> mine = new CompletableFuture<>();
		CompletableFuture<FetchedDocument> leader = this.inFlight.putIfAbsent(clientId, mine);
		if (leader != null) {
			return follow(leader);
		}
		try {
			FetchedDocument document = fetchOrBridge(clientId);
			mine.complete(document);
			return document;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(clientId, mine);
		}
	}

	private FetchedDocument fetchOrBridge(String clientId) {
		Instant now = this.clock.instant();
		Unreachable known = get(this.unreachable, clientId);
		if (known != null && now.isBefore(known.until())) {
			return staleOr(clientId, now, new TransientFetchException(known.reason(), false));
		}
		try {
			FetchedDocument document = this.delegate.fetch(clientId);
			put(this.lastGood, clientId, new LastGood(document.body(), now));
			remove(this.unreachable, clientId);
			return document;
		}
		catch (TransientFetchException ex) {
			if (!ex.responded() && !this.negativeTtl.isZero()) {
				put(this.unreachable, clientId, new Unreachable(ex.getMessage(), now.plus(this.negativeTtl)));
			}
			return staleOr(clientId, now, ex);
		}
	}

	private FetchedDocument staleOr(String clientId, Instant now, TransientFetchException failure) {
		LastGood good = get(this.lastGood, clientId);
		if (good != null && now.isBefore(good.fetchedAt().plus(this.staleIfError))) {
			return new FetchedDocument(good.body(), Duration.ZERO);
		}
		throw failure;
	}

	private static FetchedDocument follow(CompletableFuture<FetchedDocument> leader) {
		try {
			return leader.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof ClientIdMetadataDocumentException failure) {
				// a fresh exception per caller, same safe reason
				throw new ClientIdMetadataDocumentException(failure.getMessage());
			}
			throw new ClientIdMetadataDocumentException("the client metadata document could not be fetched");
		}
	}

	private static <V> Map<String, V> boundedMap(int maxEntries) {
		return new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
				return size() > maxEntries;
			}
		};
	}

	private static <V> V get(Map<String, V> map, String key) {
		synchronized (map) {
			return map.get(key);
		}
	}

	private static <V> void put(Map<String, V> map, String key, V value) {
		synchronized (map) {
			map.put(key, value);
		}
	}

	private static <V> void remove(Map<String, V> map, String key) {
		synchronized (map) {
			map.remove(key);
		}
	}

	private record Unreachable(String reason, Instant until) {
	}

	private record LastGood(byte[] body, Instant fetchedAt) {
	}

	/** Closes the delegate when it holds resources (the hardened fetcher's watchdog thread). */
	@Override
	public void close() throws Exception {
		if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
