package dev.mcpauth.oauth2.server.authorization.cimd;

import java.util.List;

/**
 * Wraps the document fetchers at their two layers, for cross-cutting concerns (metrics, per-host rate limits):
 * the network fetcher under the coalescing and negative caches, and the fetcher the resolver calls on a cache miss.
 * Declare beans of this type; they are applied in {@code @Order}, each wrapping the result of the previous one.
 */
public interface ClientIdMetadataDocumentFetcherDecorator {

	/** Wraps the fetcher that goes to the network. */
	default ClientIdMetadataDocumentFetcher decorateNetworkFetcher(ClientIdMetadataDocumentFetcher fetcher) {
		return fetcher;
	}

	/** Wraps the fetcher the resolver calls when a document is not in its cache. */
	default ClientIdMetadataDocumentFetcher decorateResolverFetcher(ClientIdMetadataDocumentFetcher fetcher) {
		return fetcher;
	}

	static ClientIdMetadataDocumentFetcher network(ClientIdMetadataDocumentFetcher fetcher,
			List<ClientIdMetadataDocumentFetcherDecorator> decorators) {
		ClientIdMetadataDocumentFetcher result = fetcher;
		for (ClientIdMetadataDocumentFetcherDecorator decorator : decorators) {
			result = decorator.decorateNetworkFetcher(result);
		}
		return result;
	}

	static ClientIdMetadataDocumentFetcher resolver(ClientIdMetadataDocumentFetcher fetcher,
			List<ClientIdMetadataDocumentFetcherDecorator> decorators) {
		ClientIdMetadataDocumentFetcher result = fetcher;
		for (ClientIdMetadataDocumentFetcherDecorator decorator : decorators) {
			result = decorator.decorateResolverFetcher(result);
		}
		return result;
	}

}
