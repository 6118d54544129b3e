package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcherDecorator;
import dev.mcpauth.oauth2.server.authorization.cimd.FetchedDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Micrometer meters of Client ID Metadata Document handling ({@value #FETCH}, {@value #RESOLUTIONS}) at three
 * layers, connected by a per-thread marker:
 * <ul>
 * <li>the repository lookup of a URL {@code client_id}: when the resolver did not call its fetcher, the answer came
 * from its cache ({@code cache=hit});</li>
 * <li>the resolver's fetcher: {@code miss} when a network fetch was made, {@code negative} when the negative cache of
 * unreachable hosts answered, {@code stale} for a stale-if-error copy, {@code coalesced} when another request's
 * fetch was shared, {@code rate_limited} when the per-host limit refused;</li>
 * <li>the network fetch: latency by {@code outcome} ({@code success}, {@code refused}, {@code http_error},
 * {@code no_response}).</li>
 * </ul>
 */
public final class ClientIdMetadataDocumentFetchMetrics implements ClientIdMetadataDocumentFetcherDecorator {

	/** Timer: network fetches by {@code outcome}. */
	public static final String FETCH = "mcp.cimd.fetch";

	/** Counter: resolver lookups by {@code cache} answer. */
	public static final String RESOLUTIONS = "mcp.cimd.resolutions";

	private final ObjectProvider<MeterRegistry> registry;

	private final ThreadLocal<Layers> current = new ThreadLocal<>();

	/** @param registry resolved on first use, so this decorator can be created before the registry */
	public ClientIdMetadataDocumentFetchMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public ClientIdMetadataDocumentFetcher decorateNetworkFetcher(ClientIdMetadataDocumentFetcher fetcher) {
		return (clientId) -> {
			Layers layers = this.current.get();
			if (layers != null) {
				layers.network = true;
			}
			long start = System.nanoTime();
			String outcome = "success";
			try {
				return fetcher.fetch(clientId);
			}
			catch (TransientFetchException ex) {
				outcome = ex.responded() ? "http_error" : "no_response";
				markFailed(layers);
				throw ex;
			}
			catch (ClientIdMetadataDocumentException ex) {
				outcome = "refused";
				markFailed(layers);
				throw ex;
			}
			finally {
				fetched(outcome, System.nanoTime() - start);
			}
		};
	}

	@Override
	public ClientIdMetadataDocumentFetcher decorateResolverFetcher(ClientIdMetadataDocumentFetcher fetcher) {
		return (clientId) -> within((layers) -> {
			layers.resolver = true;
			try {
				FetchedDocument document = fetcher.fetch(clientId);
				boolean zeroLifetime = document.maxAge() != null && document.maxAge().isZero();
				String cache;
				if (layers.networkFailed || (!layers.network && zeroLifetime)) {
					cache = "stale"; // a stale-if-error copy bridged a failed (or negatively cached) fetch
				}
				else {
					cache = layers.network ? "miss" : "coalesced";
				}
				resolved(cache);
				return document;
			}
			catch (FetchRateLimitExceededException ex) {
				resolved("rate_limited");
				throw ex;
			}
			catch (TransientFetchException ex) {
				resolved(layers.network ? "miss" : "negative");
				throw ex;
			}
			catch (RuntimeException ex) {
				resolved(layers.network ? "miss" : "coalesced");
				throw ex;
			}
		});
	}

	/** Wraps the client repository so that lookups answered from the resolver's cache count as hits. */
	public RegisteredClientRepository observe(RegisteredClientRepository repository) {
		return new RegisteredClientRepository() {
			@Override
			public void save(RegisteredClient registeredClient) {
				repository.save(registeredClient);
			}

			@Override
			public RegisteredClient findById(String id) {
				return repository.findById(id);
			}

			@Override
			public RegisteredClient findByClientId(String clientId) {
				if (clientId == null || !(clientId.startsWith("https://") || clientId.startsWith("http://"))) {
					return repository.findByClientId(clientId);
				}
				return within((layers) -> {
					RegisteredClient client = repository.findByClientId(clientId);
					if (!layers.resolver && client != null) {
						ClientIdMetadataDocumentFetchMetrics.this.resolved("hit");
					}
					return client;
				});
			}
		};
	}

	private void fetched(String outcome, long nanos) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters != null) {
			Timer.builder(FETCH)
				.description("Network fetches of Client ID Metadata Documents and jwks_uri key sets")
				.tag("outcome", outcome)
				.register(meters)
				.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
		}
	}

	private void resolved(String cache) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters != null) {
			Counter.builder(RESOLUTIONS)
				.description("Lookups of URL client ids by where the answer came from")
				.tag("cache", cache)
				.register(meters)
				.increment();
		}
	}

	private static void markFailed(Layers layers) {
		if (layers != null) {
			layers.networkFailed = true;
		}
	}

	private <T> T within(java.util.function.Function<Layers, T> work) {
		Layers outer = this.current.get();
		if (outer != null) {
			return work.apply(outer);
		}
		Layers layers = new Layers();
		this.current.set(layers);
		try {
			return work.apply(layers);
		}
		finally {
			this.current.remove();
		}
	}

	private static final class Layers {

		boolean resolver;

		boolean network;

		boolean networkFailed;

	}

}
