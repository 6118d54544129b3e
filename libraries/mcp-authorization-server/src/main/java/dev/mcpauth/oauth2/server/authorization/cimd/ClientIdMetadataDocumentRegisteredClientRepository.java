package dev.mcpauth.oauth2.server.authorization.cimd;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * A {@link RegisteredClientRepository} that knows registered clients and Client ID Metadata Document clients.
 *
 * <ul>
 * <li>{@code findByClientId} for a URL-shaped {@code client_id}: a client registered under that exact URL wins
 * (CIMD-01 §6.10); otherwise the document is resolved (cache or fetch) and the resulting client is written to the
 * store whenever it was freshly fetched, so the stored copy follows the document.</li>
 * <li>{@code findById} reads the store only, so the token endpoint and authorization lookups keep working long
 * after the document left the cache.</li>
 * </ul>
 * A document that cannot be fetched or is invalid answers {@code invalid_client} with the reason as description;
 * the authorization endpoint shows it on an error page and never redirects (checklist AS-06).
 */
public final class ClientIdMetadataDocumentRegisteredClientRepository implements RegisteredClientRepository {

	private final RegisteredClientRepository store;

	private final ClientIdMetadataDocumentResolver resolver;

	private final ClientIdMetadataDocumentRegisteredClients registeredClients;

	public ClientIdMetadataDocumentRegisteredClientRepository(RegisteredClientRepository store,
			ClientIdMetadataDocumentResolver resolver, ClientIdMetadataDocumentRegisteredClients registeredClients) {
		this.store = store;
		this.resolver = resolver;
		this.registeredClients = registeredClients;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		this.store.save(registeredClient);
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.store.findById(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		RegisteredClient stored = this.store.findByClientId(clientId);
		if (!ClientIdUrlPolicy.looksLikeUrl(clientId)
				|| (stored != null && !ClientIdMetadataDocumentRegisteredClients.isClientIdMetadataDocumentClient(stored))) {
			return stored;
		}
		ClientIdMetadataDocumentResolver.Resolution resolution;
		try {
			resolution = this.resolver.resolve(clientId);
		}
		catch (ClientIdMetadataDocumentException ex) {
			throw new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, ex.getMessage(), null), ex);
		}
		if (stored != null && !resolution.fetched()) {
			return stored;
		}
		RegisteredClient registeredClient = this.registeredClients.toRegisteredClient(resolution.document());
		try {
			this.store.save(registeredClient);
		}
		catch (DuplicateKeyException | IllegalArgumentException ex) {
			// Concurrent first authorizations of one client_id: another request inserted the same deterministic id
			// between our existence check and our insert (a key violation, or the JDBC store's own uniqueness
			// check). If that row exists now, saving again updates it instead of failing with a 500.
			if (this.store.findById(registeredClient.getId()) == null) {
				throw ex;
			}
			this.store.save(registeredClient);
		}
		return registeredClient;
	}

}
