package dev.mcpauth.authserver.config;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.UUID;

import dev.mcpauth.authserver.cimd.BasicClientIdMetadataDocumentFetcher;
import dev.mcpauth.authserver.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.authserver.cimd.ClientIdMetadataDocumentRegisteredClientRepository;
import dev.mcpauth.authserver.cimd.ClientIdMetadataDocumentRegisteredClients;
import dev.mcpauth.authserver.cimd.ClientIdMetadataDocumentResolver;
import dev.mcpauth.authserver.cimd.ClientIdMetadataDocumentValidator;
import dev.mcpauth.authserver.cimd.ClientIdUrlPolicy;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.StringUtils;

/**
 * Where clients come from: Client ID Metadata Documents (fetched on demand) and clients from configuration, both
 * kept in Spring Authorization Server's JDBC registered-client table.
 */
@Configuration(proxyBeanMethods = false)
class RegisteredClientsConfig {

	/**
	 * The default fetcher; a hardened fetcher bean of this type replaces it.
	 */
	@Bean
	@ConditionalOnMissingBean
	ClientIdMetadataDocumentFetcher clientIdMetadataDocumentFetcher(AuthServerProperties properties) {
		AuthServerProperties.Cimd cimd = properties.cimd();
		return new BasicClientIdMetadataDocumentFetcher(cimd.connectTimeout(), cimd.readTimeout(),
				cimd.maxDocumentBytes());
	}

	@Bean
	ClientIdMetadataDocumentResolver clientIdMetadataDocumentResolver(AuthServerProperties properties,
			ClientIdMetadataDocumentFetcher fetcher) {
		AuthServerProperties.Cimd cimd = properties.cimd();
		return new ClientIdMetadataDocumentResolver(new ClientIdUrlPolicy(cimd.allowHttpAndLoopback()), fetcher,
				new ClientIdMetadataDocumentValidator(cimd.allowHttpAndLoopback()),
				new ClientIdMetadataDocumentResolver.CachePolicy(cimd.defaultCacheTtl(), cimd.minCacheTtl(),
						cimd.maxCacheTtl(), cimd.maxCachedDocuments()),
				Clock.systemUTC());
	}

	@Bean
	TokenSettings tokenSettings(AuthServerProperties properties) {
		return TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.accessTokenTimeToLive(properties.accessTokenTimeToLive())
			.authorizationCodeTimeToLive(properties.authorizationCodeTimeToLive())
			// OAuth 2.1 §4.3.1 / MCP "Token Theft": rotate refresh tokens
			.reuseRefreshTokens(false)
			.build();
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(JdbcOperations jdbcOperations,
			ClientIdMetadataDocumentResolver resolver, AuthServerProperties properties, TokenSettings tokenSettings) {
		return new ClientIdMetadataDocumentRegisteredClientRepository(new JdbcRegisteredClientRepository(jdbcOperations),
				resolver, new ClientIdMetadataDocumentRegisteredClients(new LinkedHashSet<>(properties.scopes()),
						tokenSettings));
	}

	/**
	 * Writes the clients from {@code auth-server.clients} to the store at start-up (insert or update, keyed by a
	 * name-based id so a restart updates the same row).
	 */
	@Bean
	ApplicationRunner preRegisteredClients(RegisteredClientRepository repository, AuthServerProperties properties,
			TokenSettings tokenSettings) {
		return (args) -> {
			for (AuthServerProperties.PreRegisteredClient client : properties.clients()) {
				repository.save(toRegisteredClient(client, properties, tokenSettings));
			}
		};
	}

	private static RegisteredClient toRegisteredClient(AuthServerProperties.PreRegisteredClient client,
			AuthServerProperties properties, TokenSettings tokenSettings) {
		if (!StringUtils.hasText(client.clientId()) || ClientIdUrlPolicy.looksLikeUrl(client.clientId())) {
			// CIMD-01 §6.9: ids that look like URLs are reserved for metadata documents
			throw new IllegalStateException("auth-server.clients[].client-id must be set and must not be a URL");
		}
		boolean confidential = StringUtils.hasText(client.clientSecret());
		String id = "config-" + UUID.nameUUIDFromBytes(client.clientId().getBytes(StandardCharsets.UTF_8));
		RegisteredClient.Builder builder = RegisteredClient.withId(id)
			.clientId(client.clientId())
			.clientName(StringUtils.hasText(client.clientName()) ? client.clientName() : client.clientId())
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(client.redirectUris()))
			.scopes((scopes) -> scopes.addAll(properties.scopes()))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.tokenSettings(tokenSettings);
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
