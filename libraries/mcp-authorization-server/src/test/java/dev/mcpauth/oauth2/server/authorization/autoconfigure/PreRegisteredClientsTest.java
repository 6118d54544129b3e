package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.mcpauth.oauth2.server.authorization.client.ClientAssertionDecoderFactory;
import dev.mcpauth.oauth2.server.authorization.client.ClientSecretEncoder;
import dev.mcpauth.oauth2.server.authorization.token.McpTokenSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Clients from {@code mcp.authorization-server.clients}: grant types and authentication methods as configured, and
 * configurations that cannot work stop the start-up (RFC 6749 §4.4: client credentials for confidential clients
 * only; RFC 7523: {@code private_key_jwt} needs public keys).
 */
class PreRegisteredClientsTest {

	private final PreRegisteredClients clients = new PreRegisteredClients(
			new InMemoryRegisteredClientRepository(RegisteredClient.withId("x")
				.clientId("x")
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.build()),
			List.of(), Set.of("mcp:connect"), McpTokenSettings.defaults());

	@Test
	void defaultsToTheCodeFlowWithSecretMethods() {
		RegisteredClient client = this.clients.toRegisteredClient(client("web", "{noop}s", List.of("http://127.0.0.1/cb"),
				null, null, null, null));

		assertThat(client.getAuthorizationGrantTypes()).containsExactlyInAnyOrder(AuthorizationGrantType.AUTHORIZATION_CODE,
				AuthorizationGrantType.REFRESH_TOKEN);
		assertThat(client.getClientAuthenticationMethods()).containsExactlyInAnyOrder(
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);
	}

	@Test
	void agentWithClientCredentialsNeedsNoRedirectUri() {
		RegisteredClient client = this.clients.toRegisteredClient(
				client("agent", "{noop}s", List.of(), List.of("client_credentials"), List.of("client_secret_basic"), null, null));

		assertThat(client.getAuthorizationGrantTypes()).containsExactly(AuthorizationGrantType.CLIENT_CREDENTIALS);
		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		assertThat(client.getRedirectUris()).isEmpty();
	}

	@Test
	void inlineJwksIsStoredAsPublicKeysAndImpliesPrivateKeyJwt() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();

		RegisteredClient client = this.clients.toRegisteredClient(client("agent", null, List.of(),
				List.of("client_credentials"), null, new JWKSet(key.toPublicJWK()).toString(), null));

		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
		assertThat((String) client.getClientSettings().getSetting(ClientAssertionDecoderFactory.JWKS_SETTING))
			.contains(key.getX().toString())
			.doesNotContain("\"d\"");
		assertThat(client.getClientSettings().getJwkSetUrl()).isNull();
	}

	@Test
	void refusesConfigurationsThatCannotWork() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();

		// a public client with client_credentials (RFC 6749 §4.4)
		assertThatIllegalStateException().isThrownBy(() -> this.clients
			.toRegisteredClient(client("p", null, List.of(), List.of("client_credentials"), null, null, null)))
			.withMessageContaining("confidential");
		// private keys in jwks
		String privateJwks = new JWKSet(key).toString(false);
		assertThatIllegalStateException().isThrownBy(() -> this.clients.toRegisteredClient(
				client("k", null, List.of(), List.of("client_credentials"), null, privateJwks, null)))
			.withMessageContaining("public keys only");
		// private_key_jwt without keys, a secret method without a secret, the code grant without redirect URIs
		assertThatIllegalStateException().isThrownBy(() -> this.clients.toRegisteredClient(
				client("n", null, List.of(), List.of("client_credentials"), List.of("private_key_jwt"), null, null)));
		assertThatIllegalStateException().isThrownBy(() -> this.clients.toRegisteredClient(
				client("s", null, List.of(), List.of("client_credentials"), List.of("client_secret_basic"), null, null)));
		assertThatIllegalStateException().isThrownBy(() -> this.clients
			.toRegisteredClient(client("c", "{noop}s", List.of(), null, null, null, null)))
			.withMessageContaining("redirect-uris");
		assertThatIllegalStateException().isThrownBy(() -> this.clients
			.toRegisteredClient(client("g", "{noop}s", List.of(), List.of("password"), null, null, null)));
	}

	@Test
	void configuredClientsAreStoredBeforeTheWebServerStarts() {
		InMemoryRegisteredClientRepository repository = new InMemoryRegisteredClientRepository(
				RegisteredClient.withId("x").clientId("x").authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build());
		AtomicReference<RegisteredClient> seenAtStart = new AtomicReference<>();
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(PreRegisteredClients.class, () -> new PreRegisteredClients(repository,
					List.of(client("agent", "{noop}s", List.of(), List.of("client_credentials"), null, null, null)),
					Set.of("mcp:connect"), McpTokenSettings.defaults()));
			// Spring Boot starts its web server as a SmartLifecycle when the context refreshes
			context.registerBean("webServer", SmartLifecycle.class, () -> new SmartLifecycle() {
				private boolean running;

				@Override
				public void start() {
					seenAtStart.set(repository.findByClientId("agent"));
					this.running = true;
				}

				@Override
				public void stop() {
					this.running = false;
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}
			});
			context.refresh();
		}

		assertThat(seenAtStart.get()).isNotNull();
		assertThat(seenAtStart.get().getAuthorizationGrantTypes()).containsExactly(AuthorizationGrantType.CLIENT_CREDENTIALS);
	}

	@Test
	void acceptsASha256DigestOfASecretAndRefusesAMalformedOne() {
		String digest = ClientSecretEncoder.digest("a-secret-the-operator-generated-elsewhere-0123");

		RegisteredClient client = this.clients.toRegisteredClient(
				client("agent", digest, List.of(), List.of("client_credentials"), null, null, null));

		assertThat(client.getClientSecret()).isEqualTo(digest);
		assertThatIllegalStateException().isThrownBy(() -> this.clients.toRegisteredClient(client("bad",
				digest.substring(0, digest.length() - 2), List.of(), List.of("client_credentials"), null, null, null)))
			.withMessage("mcp.authorization-server.clients[bad]: a {sha256} client-secret must be 64 hex digits "
					+ "(the SHA-256 of the secret's UTF-8 bytes)");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void warnsOnceNamingTheClientNotTheSecretWhenAPlainSecretStaysOnBcrypt(CapturedOutput output) {
		this.clients.toRegisteredClient(
				client("weak-agent", "{noop}weak-secret-42", List.of(), List.of("client_credentials"), null, null, null));
		this.clients.toRegisteredClient(client("strong-agent", "{noop}" + "Qm9vdHN0cmFwIGEgc2VjcmV0IG9mIDMyIGJ5dGVzIQ",
				List.of(), List.of("client_credentials"), null, null, null));

		assertThat(output.getOut()).contains("mcp.authorization-server.clients[weak-agent]: the client secret is not "
				+ "high-entropy")
			.doesNotContain("weak-secret-42")
			.doesNotContain("strong-agent");
	}

	private static McpAuthorizationServerProperties.PreRegisteredClient client(String id, String secret,
			List<String> redirectUris, List<String> grantTypes, List<String> methods, String jwks, String jwkSetUri) {
		return new McpAuthorizationServerProperties.PreRegisteredClient(id, secret, null, redirectUris, grantTypes,
				methods, jwks, jwkSetUri);
	}

}
