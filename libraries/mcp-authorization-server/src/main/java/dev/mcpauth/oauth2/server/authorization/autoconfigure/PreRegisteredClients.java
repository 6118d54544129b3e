package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdUrlPolicy;
import dev.mcpauth.oauth2.server.authorization.client.ClientAssertionDecoderFactory;
import dev.mcpauth.oauth2.server.authorization.client.ClientSecretEncoder;
import dev.mcpauth.oauth2.server.authorization.client.ClientSecretPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.StringUtils;

/**
 * Writes the clients of {@code mcp.authorization-server.clients} to the store at start-up (insert or update, keyed
 * by a name-based id so a restart updates the same row), once every singleton exists and before the web server
 * starts: a server that answers its metadata knows its configured clients. (As an {@code ApplicationRunner} it
 * wrote them after the server was listening, and a client that came at once got {@code invalid_client}.) MCP "Preregistration": code flow with PKCE, every offered
 * scope, consent required; a client without a secret (or keys) is public ({@code none}).
 *
 * <p>{@code grant-types} may add {@code client_credentials} (RFC 6749 §4.4), for confidential clients only;
 * {@code token-endpoint-auth-method} picks {@code client_secret_basic}, {@code client_secret_post},
 * {@code private_key_jwt} (RFC 7523, keys from inline {@code jwks} or from {@code jwk-set-uri}) or {@code none}.
 * A configuration that cannot work (a public client with {@code client_credentials}, {@code private_key_jwt}
 * without keys, a secret method without a secret, the code grant without redirect URIs, private keys in
 * {@code jwks}) stops the start-up with a message naming the client.
 *
 * <p>Client secrets: a {@code {noop}} secret that is not high-entropy ({@link ClientSecretPolicy}) is logged once
 * as a warning naming the client (never the secret), since it stays on BCrypt; a {@code {sha256}} digest given in
 * configuration must be 64 hex digits.
 */
public final class PreRegisteredClients implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(PreRegisteredClients.class);

	private static final String NOOP = "{noop}";

	private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token",
			"client_credentials");

	private static final List<String> AUTHENTICATION_METHODS = List.of("client_secret_basic", "client_secret_post",
			"private_key_jwt", "none");

	private final RegisteredClientRepository repository;

	private final List<McpAuthorizationServerProperties.PreRegisteredClient> clients;

	private final Set<String> scopes;

	private final TokenSettings tokenSettings;

	private final ClientSecretPolicy secretPolicy;

	public PreRegisteredClients(RegisteredClientRepository repository,
			List<McpAuthorizationServerProperties.PreRegisteredClient> clients, Set<String> scopes,
			TokenSettings tokenSettings) {
		this(repository, clients, scopes, tokenSettings, ClientSecretPolicy.defaults());
	}

	public PreRegisteredClients(RegisteredClientRepository repository,
			List<McpAuthorizationServerProperties.PreRegisteredClient> clients, Set<String> scopes,
			TokenSettings tokenSettings, ClientSecretPolicy secretPolicy) {
		this.repository = repository;
		this.clients = List.copyOf(clients);
		this.scopes = scopes;
		this.tokenSettings = tokenSettings;
		this.secretPolicy = secretPolicy;
	}

	@Override
	public void afterSingletonsInstantiated() {
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
		String name = client.clientId();
		Set<AuthorizationGrantType> grantTypes = grantTypes(client);
		Set<ClientAuthenticationMethod> methods = authenticationMethods(client);
		boolean hasSecret = StringUtils.hasText(client.clientSecret());
		boolean secretMethod = methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				|| methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		boolean privateKeyJwt = methods.contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
		boolean hasJwks = StringUtils.hasText(client.jwks());
		boolean hasJwkSetUri = StringUtils.hasText(client.jwkSetUri());
		require(!secretMethod || hasSecret, name, "client_secret_basic/client_secret_post need a client-secret");
		require(secretMethod || !hasSecret, name, "a client-secret needs client_secret_basic or client_secret_post");
		require(!privateKeyJwt || hasJwks != hasJwkSetUri, name, "private_key_jwt needs exactly one of jwks and jwk-set-uri");
		require(privateKeyJwt || (!hasJwks && !hasJwkSetUri), name, "jwks and jwk-set-uri need private_key_jwt");
		require(!(methods.contains(ClientAuthenticationMethod.NONE) && methods.size() > 1), name,
				"none cannot be combined with another token-endpoint-auth-method");
		// RFC 6749 §4.4: "The client credentials grant type MUST only be used by confidential clients"
		require(!grantTypes.contains(AuthorizationGrantType.CLIENT_CREDENTIALS)
				|| !methods.contains(ClientAuthenticationMethod.NONE), name,
				"client_credentials needs a confidential token-endpoint-auth-method");
		require(!grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE) || !client.redirectUris().isEmpty(),
				name, "authorization_code needs redirect-uris");
		ClientSettings.Builder settings = ClientSettings.builder()
			.requireProofKey(true)
			.requireAuthorizationConsent(true);
		if (hasJwks) {
			settings.setting(ClientAssertionDecoderFactory.JWKS_SETTING, publicJwks(name, client.jwks()));
		}
		if (hasJwkSetUri) {
			settings.jwkSetUrl(client.jwkSetUri());
		}
		String id = "config-" + UUID.nameUUIDFromBytes(client.clientId().getBytes(StandardCharsets.UTF_8));
		RegisteredClient.Builder builder = RegisteredClient.withId(id)
			.clientId(client.clientId())
			.clientName(StringUtils.hasText(client.clientName()) ? client.clientName() : client.clientId())
			.authorizationGrantTypes((types) -> types.addAll(grantTypes))
			.clientAuthenticationMethods((authentication) -> authentication.addAll(methods))
			.redirectUris((uris) -> uris.addAll(client.redirectUris()))
			.scopes((scopes) -> scopes.addAll(this.scopes))
			.clientSettings(settings.build())
			.tokenSettings(this.tokenSettings);
		if (hasSecret) {
			checkSecret(name, client.clientSecret());
			builder.clientSecret(client.clientSecret());
		}
		return builder.build();
	}

	/**
	 * A digest from configuration must be one; a plain secret that will be hashed with BCrypt is worth a warning
	 * (the secret itself is never logged).
	 */
	private void checkSecret(String clientId, String secret) {
		if (ClientSecretEncoder.isDigest(secret)) {
			require(ClientSecretEncoder.isWellFormedDigest(secret), clientId, "a {" + ClientSecretEncoder.ID
					+ "} client-secret must be 64 hex digits (the SHA-256 of the secret's UTF-8 bytes)");
		}
		else if (secret.startsWith(NOOP) && this.secretPolicy.digestHighEntropy()
				&& !this.secretPolicy.isHighEntropy(secret.substring(NOOP.length()))) {
			logger.warn("mcp.authorization-server.clients[{}]: the client secret is not high-entropy ({}), so it is "
					+ "hashed with BCrypt (about 70 ms of CPU per client authentication); generate one, e.g. "
					+ "openssl rand -base64 32", clientId, this.secretPolicy.describe());
		}
	}

	private static Set<AuthorizationGrantType> grantTypes(McpAuthorizationServerProperties.PreRegisteredClient client) {
		Set<AuthorizationGrantType> grantTypes = new LinkedHashSet<>();
		for (String value : client.grantTypes()) {
			require(GRANT_TYPES.contains(value), client.clientId(),
					"grant-types may be authorization_code, refresh_token and client_credentials, not '" + value + "'");
			grantTypes.add(new AuthorizationGrantType(value));
		}
		return grantTypes;
	}

	private static Set<ClientAuthenticationMethod> authenticationMethods(
			McpAuthorizationServerProperties.PreRegisteredClient client) {
		Set<ClientAuthenticationMethod> methods = new LinkedHashSet<>();
		for (String value : client.tokenEndpointAuthMethod()) {
			require(AUTHENTICATION_METHODS.contains(value), client.clientId(), "token-endpoint-auth-method may be "
					+ String.join(", ", AUTHENTICATION_METHODS) + ", not '" + value + "'");
			methods.add(new ClientAuthenticationMethod(value));
		}
		if (methods.isEmpty()) {
			if (StringUtils.hasText(client.clientSecret())) {
				methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
				methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST);
			}
			else if (StringUtils.hasText(client.jwks()) || StringUtils.hasText(client.jwkSetUri())) {
				methods.add(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
			}
			else {
				methods.add(ClientAuthenticationMethod.NONE);
			}
		}
		return methods;
	}

	/** The JWK Set as stored: parsed, public keys only, at least one key. */
	private static String publicJwks(String clientId, String jwks) {
		JWKSet keys;
		try {
			keys = JWKSet.parse(jwks);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("mcp.authorization-server.clients[" + clientId
					+ "].jwks is not a JSON JWK Set: " + ex.getMessage());
		}
		require(!keys.getKeys().isEmpty(), clientId, "jwks holds no key");
		require(keys.getKeys().stream().noneMatch(JWK::isPrivate), clientId,
				"jwks must hold public keys only (it holds a private key: rotate that key)");
		return keys.toString(true);
	}

	private static void require(boolean condition, String clientId, String message) {
		if (!condition) {
			throw new IllegalStateException("mcp.authorization-server.clients[" + clientId + "]: " + message);
		}
	}

}
