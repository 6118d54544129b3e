package dev.mcpauth.oauth2.server.authorization.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's JDBC store with request-scoped reads ({@link RequestScopedReads#jdbcAuthorizations}): {@code save}'s own
 * existence check reuses the request's read of the same authorization (no second {@code SELECT}), still chooses
 * {@code UPDATE} for a stored row and {@code INSERT} for a new one, and nothing is remembered outside a request or
 * after a write. Statements are counted on the {@link JdbcOperations} the store is given.
 */
class RequestScopedJdbcSaveTest {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private final RegisteredClient client = RegisteredClient.withId("client-row-id")
		.clientId("client-1")
		.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
		.redirectUri("http://127.0.0.1/callback")
		.build();

	private final List<String> statements = new CopyOnWriteArrayList<>();

	private EmbeddedDatabase database;

	private JdbcTemplate jdbc;

	private JdbcOAuth2AuthorizationService store;

	@BeforeEach
	void createStore() {
		this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScript("classpath:" + ExpiredAuthorizationCleanup.AUTHORIZATION_SCHEMA)
			.build();
		this.jdbc = new JdbcTemplate(this.database);
		InMemoryRegisteredClientRepository clients = new InMemoryRegisteredClientRepository(this.client);
		this.store = RequestScopedReads.jdbcAuthorizations(counting(this.jdbc), clients);
		this.store.setAuthorizationRowMapper(StoredAuthorizationJson.rowMapper(clients));
	}

	@AfterEach
	void dropDatabase() {
		RequestContextHolder.resetRequestAttributes();
		this.database.shutdown();
	}

	@Test
	void saveAfterAReadByTokenInTheSameRequestIssuesNoSecondSelectAndUpdates() {
		this.store.save(authorization("authz-1", "refresh-1"));
		this.statements.clear();
		inRequest();

		OAuth2Authorization read = this.store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		this.store.save(rotated(read, "refresh-2"));

		assertThat(this.statements).hasSize(2);
		assertThat(this.statements.get(0)).startsWith("SELECT");
		assertThat(this.statements.get(1)).startsWith("UPDATE");
		assertThat(storedRefreshTokens()).containsExactly("refresh-2");
	}

	@Test
	void saveAfterAReadByIdInTheSameRequestIssuesNoSecondSelect() {
		this.store.save(authorization("authz-1", "refresh-1"));
		this.statements.clear();
		inRequest();

		OAuth2Authorization read = this.store.findById("authz-1");
		this.store.save(rotated(read, "refresh-2"));

		assertThat(this.statements).extracting(s -> s.substring(0, 6)).containsExactly("SELECT", "UPDATE");
		assertThat(storedRefreshTokens()).containsExactly("refresh-2");
	}

	@Test
	void aNewAuthorizationIsCheckedInTheDatabaseAndInserted() {
		inRequest();

		this.store.save(authorization("authz-new", "refresh-1"));

		assertThat(this.statements).extracting(s -> s.substring(0, 6)).containsExactly("SELECT", "INSERT");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM oauth2_authorization WHERE id = 'authz-new'",
				Integer.class))
			.isEqualTo(1);
	}

	@Test
	void outsideARequestNothingIsRemembered() {
		this.store.save(authorization("authz-1", "refresh-1"));
		this.statements.clear();

		OAuth2Authorization read = this.store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		this.store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		this.store.save(rotated(read, "refresh-2"));

		assertThat(this.statements).extracting(s -> s.substring(0, 6))
			.containsExactly("SELECT", "SELECT", "SELECT", "UPDATE");
		assertThat(storedRefreshTokens()).containsExactly("refresh-2");
	}

	@Test
	void afterASaveTheRequestReadsTheDatabaseAgain() {
		this.store.save(authorization("authz-1", "refresh-1"));
		inRequest();
		OAuth2Authorization read = this.store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		this.store.save(rotated(read, "refresh-2"));
		this.statements.clear();

		OAuth2Authorization again = this.store.findById("authz-1");
		this.store.save(rotated(again, "refresh-3"));

		assertThat(again.getRefreshToken().getToken().getTokenValue()).isEqualTo("refresh-2");
		assertThat(this.statements).extracting(s -> s.substring(0, 6)).containsExactly("SELECT", "UPDATE");
		assertThat(this.store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(storedRefreshTokens()).containsExactly("refresh-3");
	}

	@Test
	void aRowDeletedAfterTheReadIsNotWrittenBack() {
		this.store.save(authorization("authz-1", "refresh-1"));
		inRequest();
		OAuth2Authorization read = this.store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);

		// another request (a revocation, the replay detection, the cleanup) deletes the row meanwhile
		this.jdbc.update("DELETE FROM oauth2_authorization WHERE id = 'authz-1'");
		this.store.save(rotated(read, "refresh-2"));

		assertThat(storedRefreshTokens()).isEmpty();
	}

	@Test
	void removeForgetsWhatTheRequestRead() {
		this.store.save(authorization("authz-1", "refresh-1"));
		inRequest();
		OAuth2Authorization read = this.store.findById("authz-1");

		this.store.remove(read);

		assertThat(this.store.findById("authz-1")).isNull();
		assertThat(this.store.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	private List<String> storedRefreshTokens() {
		return this.jdbc.queryForList("SELECT refresh_token_value FROM oauth2_authorization", byte[].class)
			.stream()
			.map(String::new)
			.toList();
	}

	private OAuth2Authorization authorization(String id, String refreshToken) {
		return OAuth2Authorization.withRegisteredClient(this.client)
			.id(id)
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.refreshToken(new OAuth2RefreshToken(refreshToken, NOW, NOW.plusSeconds(3600)))
			.build();
	}

	private static OAuth2Authorization rotated(OAuth2Authorization authorization, String refreshToken) {
		return OAuth2Authorization.from(authorization)
			.refreshToken(new OAuth2RefreshToken(refreshToken, NOW, NOW.plusSeconds(3600)))
			.build();
	}

	private static void inRequest() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
	}

	/** The same operations, recording the SQL of every call that has one. */
	private JdbcOperations counting(JdbcOperations target) {
		return (JdbcOperations) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { JdbcOperations.class }, (proxy, method, args) -> {
					if (args != null && args.length > 0 && args[0] instanceof String sql) {
						this.statements.add(sql.strip());
					}
					try {
						return method.invoke(target, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
