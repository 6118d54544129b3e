package dev.mcpauth.authserver.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentRegisteredClients;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdUrlPolicy;
import dev.mcpauth.authserver.metrics.ClientKind;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Records when a Client ID Metadata Document client is first seen (no stored client for its URL yet) and when a
 * refetched document changed what the client may do (name, redirect URIs, grant types, authentication method, key
 * set URL). Compares the stored client before the lookup with the one after it, so both events survive restarts.
 */
public final class CimdClientAuditing implements RegisteredClientRepository {

	private final RegisteredClientRepository delegate;

	private final ApplicationEventPublisher events;

	public CimdClientAuditing(RegisteredClientRepository delegate, ApplicationEventPublisher events) {
		this.delegate = delegate;
		this.events = events;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		this.delegate.save(registeredClient);
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		if (clientId == null || !ClientIdUrlPolicy.looksLikeUrl(clientId)) {
			return this.delegate.findByClientId(clientId);
		}
		RegisteredClient before = this.delegate
			.findById(ClientIdMetadataDocumentRegisteredClients.registeredClientId(clientId));
		RegisteredClient after = this.delegate.findByClientId(clientId);
		if (after == null || !ClientIdMetadataDocumentRegisteredClients.isClientIdMetadataDocumentClient(after)) {
			return after;
		}
		if (before == null) {
			publish(AuditEventTypes.CIMD_CLIENT_FIRST_SEEN, after, AuditData.of());
		}
		else {
			List<String> changed = changes(before, after);
			if (!changed.isEmpty()) {
				publish(AuditEventTypes.CIMD_DOCUMENT_CHANGED, after, AuditData.of().with("changed", changed));
			}
		}
		return after;
	}

	private static List<String> changes(RegisteredClient before, RegisteredClient after) {
		List<String> changed = new ArrayList<>();
		if (!Objects.equals(before.getClientName(), after.getClientName())) {
			changed.add("client_name");
		}
		if (!before.getRedirectUris().equals(after.getRedirectUris())) {
			changed.add("redirect_uris");
		}
		if (!before.getAuthorizationGrantTypes().equals(after.getAuthorizationGrantTypes())) {
			changed.add("grant_types");
		}
		if (!before.getClientAuthenticationMethods().equals(after.getClientAuthenticationMethods())) {
			changed.add("token_endpoint_auth_method");
		}
		if (!Objects.equals(before.getClientSettings().getJwkSetUrl(), after.getClientSettings().getJwkSetUrl())) {
			changed.add("jwks_uri");
		}
		return changed;
	}

	private void publish(String type, RegisteredClient client, AuditData data) {
		this.events.publishEvent(new AuditApplicationEvent(new AuditEvent(client.getClientId(), type,
				data.with("client_id", client.getClientId())
					.with("client_kind", ClientKind.CIMD.tag())
					.with("client_name", client.getClientName())
					.with("redirect_uris", client.getRedirectUris())
					.withRemoteAddress()
					.toMap())));
	}

}
