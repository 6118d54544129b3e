package dev.mcpauth.oauth2.server.authorization.store;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's reads remembered within one request only, forgotten on every write, never outside a request (the
 * database stays the source of truth across requests and replicas: docs/deployment.md).
 */
class RequestScopedReadsTest {

	private final RegisteredClient client = RegisteredClient.withId("row-1")
		.clientId("client-1")
		.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("http://127.0.0.1/callback")
		.build();

	private final CountingStore store = new CountingStore();

	private final OAuth2AuthorizationService reads = RequestScopedReads.authorizations(this.store);

	@AfterEach
	void endRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void aRepeatedReadInOneRequestGoesToTheStoreOnce() {
		this.store.save(authorization("a-1", "state-1"));
		inRequest();

		OAuth2Authorization first = this.reads.findByToken("state-1", new OAuth2TokenType("state"));
		OAuth2Authorization second = this.reads.findByToken("state-1", new OAuth2TokenType("state"));

		assertThat(first).isNotNull().isSameAs(second);
		assertThat(this.store.reads).hasValue(1);
	}

	@Test
	void theTokenTypeIsPartOfTheQuestion() {
		this.store.save(authorization("a-1", "state-1"));
		inRequest();

		this.reads.findByToken("state-1", new OAuth2TokenType("state"));
		this.reads.findByToken("state-1", null);
		this.reads.findByToken("state-1", OAuth2TokenType.REFRESH_TOKEN);

		assertThat(this.store.reads).hasValue(3);
	}

	@Test
	void aSaveInTheRequestIsSeenByTheNextRead() {
		this.store.save(authorization("a-1", "state-1"));
		inRequest();
		assertThat(this.reads.findById("a-1").<String>getAttribute("version")).isEqualTo("1");

		this.reads.save(OAuth2Authorization.from(this.store.findById("a-1")).attribute("version", "2").build());

		assertThat(this.reads.findById("a-1").<String>getAttribute("version")).isEqualTo("2");
	}

	@Test
	void aRemoveInTheRequestIsSeenByTheNextRead() {
		this.store.save(authorization("a-1", "state-1"));
		inRequest();
		OAuth2Authorization read = this.reads.findByToken("state-1", null);

		this.reads.remove(read);

		assertThat(this.reads.findByToken("state-1", null)).isNull();
		assertThat(this.reads.findById("a-1")).isNull();
	}

	@Test
	void anotherRequestReadsTheStoreAgain() {
		this.store.save(authorization("a-1", "state-1"));
		inRequest();
		this.reads.findById("a-1");

		// another replica (or another request) changed the row in between
		this.store.save(OAuth2Authorization.from(this.store.findById("a-1")).attribute("version", "2").build());
		inRequest();

		assertThat(this.reads.findById("a-1").<String>getAttribute("version")).isEqualTo("2");
		assertThat(this.store.reads).hasValue(3);
	}

	@Test
	void outsideARequestNothingIsRemembered() {
		this.store.save(authorization("a-1", "state-1"));

		this.reads.findById("a-1");
		this.reads.findById("a-1");

		assertThat(this.store.reads).hasValue(2);
	}

	@Test
	void anAbsentAuthorizationIsRememberedAsAbsentUntilAWrite() {
		inRequest();
		assertThat(this.reads.findByToken("state-1", null)).isNull();
		assertThat(this.reads.findByToken("state-1", null)).isNull();
		assertThat(this.store.reads).hasValue(1);

		this.reads.save(authorization("a-1", "state-1"));

		assertThat(this.reads.findByToken("state-1", null)).isNotNull();
	}

	@Test
	void registeredClientsAreRememberedPerRequestAndForgottenOnSave() {
		AtomicInteger clientReads = new AtomicInteger();
		InMemoryRegisteredClientRepository stored = new InMemoryRegisteredClientRepository(this.client);
		RegisteredClientRepository counting = new RegisteredClientRepository() {
			@Override
			public void save(RegisteredClient registeredClient) {
				stored.save(registeredClient);
			}

			@Override
			public RegisteredClient findById(String id) {
				clientReads.incrementAndGet();
				return stored.findById(id);
			}

			@Override
			public RegisteredClient findByClientId(String clientId) {
				clientReads.incrementAndGet();
				return stored.findByClientId(clientId);
			}
		};
		RegisteredClientRepository clients = RequestScopedReads.registeredClients(counting);
		inRequest();

		clients.findById("row-1");
		clients.findById("row-1");
		clients.findByClientId("client-1");
		clients.findByClientId("client-1");
		assertThat(clientReads).hasValue(2);

		clients.save(RegisteredClient.from(this.client).clientName("renamed").build());

		assertThat(clients.findById("row-1").getClientName()).isEqualTo("renamed");
		assertThat(clientReads).hasValue(3);
	}

	@Test
	void unwrapFindsTheStoreBehind() {
		assertThat(RequestScopedReads.unwrap(this.reads)).isSameAs(this.store);
		assertThat(RequestScopedReads.unwrap(this.store)).isSameAs(this.store);
	}

	private OAuth2Authorization authorization(String id, String state) {
		return OAuth2Authorization.withRegisteredClient(this.client)
			.id(id)
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(OAuth2ParameterNames.STATE, state)
			.attribute("version", "1")
			.build();
	}

	private static void inRequest() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
	}

	/** An in-memory store that counts the reads that reach it. */
	private static final class CountingStore implements OAuth2AuthorizationService {

		private final InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();

		private final AtomicInteger reads = new AtomicInteger();

		@Override
		public void save(OAuth2Authorization authorization) {
			this.delegate.save(authorization);
		}

		@Override
		public void remove(OAuth2Authorization authorization) {
			this.delegate.remove(authorization);
		}

		@Override
		public OAuth2Authorization findById(String id) {
			this.reads.incrementAndGet();
			return this.delegate.findById(id);
		}

		@Override
		public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
			this.reads.incrementAndGet();
			return this.delegate.findByToken(token, tokenType);
		}

	}

}
