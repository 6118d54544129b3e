package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdUrlPolicy;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.StringUtils;

/**
 * Writes the clients of {@code mcp.authorization-server.clients} to the store at start-up (insert or update, keyed
 * by a name-based id so a restart updates the same row). MCP "Preregistration": code flow with PKCE, every offered
 * scope, consent required; a client without a secret is public ({@code none}).
 */
public final class PreRegisteredClients implements ApplicationRunner {

	private final RegisteredClientRepository repository;

	private final List<McpAuthorizationServerProperties.PreRegisteredClient> clients;

	private final Set<String> scopes;

	private final TokenSettings tokenSettings;

	public PreRegisteredClients(RegisteredClientRepository repository,
			List<McpAuthorizationServerProperties.PreRegisteredClient> clients, Set<String> scopes,
			TokenSettings tokenSettings) {
		this.repository = repository;
		this.clients = List.copyOf(clients);
		this.scopes = scopes;
		this.tokenSettings = tokenSettings;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (McpAuthorizationServerProperties.PreRegisteredClient client : this.clients) {
			this.repository.save(toRegisteredClient(client));
		}
	}

	RegisteredClient toRegisteredClient(McpAuthorizationServerProperties.PreRegisteredClient client) {
		if (!StringUtils.hasText(client.clientId()) || ClientIdUrlPolicy.looksLikeUrl(client.clientId())) {
			// CIMD-01 §6.9: ids that look like URLs are reserved for metadata documents
			throw new IllegalStateException(
					"mcp.authorization-server.clients[].client-id must be set and must not be a URL");
		}
		boolean confidential = StringUtils.hasText(client.clientSecret());
		String id = "config-" + UUID.nameUUIDFromBytes(client.clientId().getBytes(StandardCharsets.UTF_8));
		RegisteredClient.Builder builder = RegisteredClient.withId(id)
			.clientId(client.clientId())
			.clientName(StringUtils.hasText(client.clientName()) ? client.clientName() : client.clientId())
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(client.redirectUris()))
			.scopes((scopes) -> scopes.addAll(this.scopes))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.tokenSettings(this.tokenSettings);
		if (confidential) {
			builder.clientSecret(client.clientSecret())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		else {
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		return builder.build();
	}

}
