package dev.mcpauth.oauth2.server.authorization.store;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.CacheProvider;
import tools.jackson.databind.cfg.DefaultCacheProvider;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.LookupCache;
import tools.jackson.databind.util.TypeKey;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization columns read with {@link StoredAuthorizationJson} give what the framework's own mapper gives, for
 * every attribute the server stores (authorization request with PKCE and RFC 8707 resource, the signed-in principal
 * with its authorities and details, token metadata with claims, DPoP {@code cnf.jkt}, invalidation flags), rows
 * written by the framework's writer read back equal, and a warm mapper builds no deserializer per read (the lock of
 * issue 18).
 */
class StoredAuthorizationJsonTest {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private final RegisteredClient client = RegisteredClient.withId("client-row-id")
		.clientId("https://client.example/oauth/metadata.json")
		.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
		.redirectUri("http://127.0.0.1:33418/callback")
		.scope("mcp:tools")
		.scope("mcp:admin")
		.build();

	private EmbeddedDatabase database;

	private JdbcTemplate jdbc;

	@BeforeEach
	void createTable() {
		this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScript("classpath:" + ExpiredAuthorizationCleanup.AUTHORIZATION_SCHEMA)
			.build();
		this.jdbc = new JdbcTemplate(this.database);
	}

	@AfterEach
	void dropDatabase() {
		this.database.shutdown();
	}

	@Test
	void rowWrittenByTheFrameworkReadsBackEqualToTheFrameworksRead() {
		InMemoryRegisteredClientRepository clients = new InMemoryRegisteredClientRepository(this.client);
		JdbcOAuth2AuthorizationService stock = new JdbcOAuth2AuthorizationService(this.jdbc, clients);
		JdbcOAuth2AuthorizationService ours = new JdbcOAuth2AuthorizationService(this.jdbc, clients);
		ours.setAuthorizationRowMapper(StoredAuthorizationJson.rowMapper(clients));
		OAuth2Authorization written = authorization("authz-1", "dpop-key-thumbprint");
		stock.save(written);

		OAuth2Authorization byStock = stock.findById("authz-1");
		OAuth2Authorization byOurs = ours.findByToken("refresh-token-value", OAuth2TokenType.REFRESH_TOKEN);

		assertThat(byOurs).isEqualTo(byStock);
		assertSameJson(byOurs, byStock);
		// the parts the library relies on, typed as the framework's read types them
		OAuth2AuthorizationRequest request = byOurs.getAttribute(OAuth2AuthorizationRequest.class.getName());
		assertThat(request.getAdditionalParameters()).containsEntry("resource", "http://localhost:18201/mcp")
			.containsEntry(PkceParameterNames.CODE_CHALLENGE_METHOD, "S256");
		assertThat(request.getScopes()).containsExactly("mcp:tools", "mcp:admin");
		UsernamePasswordAuthenticationToken principal = byOurs.getAttribute("java.security.Principal");
		assertThat(principal.getPrincipal()).isInstanceOf(User.class);
		assertThat(principal.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_USER", "FACTOR_PASSWORD");
		assertThat(principal.getDetails()).isInstanceOf(WebAuthenticationDetails.class);
		assertThat(byOurs.getAccessToken().getClaims()).containsEntry("cnf", Map.of("jkt", "dpop-key-thumbprint"))
			.containsEntry("aud", List.of("http://localhost:18201/mcp"))
			.containsEntry("iat", NOW);
		assertThat(byOurs.getToken(OAuth2AuthorizationCode.class).isInvalidated()).isTrue();
		assertThat(byOurs.getRefreshToken().isActive()).isTrue();
	}

	@Test
	void registeredClientWrittenByTheFrameworkReadsBackEqual() {
		this.jdbc.execute("DROP TABLE IF EXISTS oauth2_registered_client");
		new org.springframework.jdbc.datasource.init.ResourceDatabasePopulator(
				new org.springframework.core.io.ClassPathResource(
						"dev/mcpauth/oauth2/server/authorization/store/oauth2-registered-client-schema.sql"))
			.execute(this.database);
		JdbcRegisteredClientRepository stock = new JdbcRegisteredClientRepository(this.jdbc);
		JdbcRegisteredClientRepository ours = new JdbcRegisteredClientRepository(this.jdbc);
		ours.setRegisteredClientRowMapper(StoredAuthorizationJson.registeredClientRowMapper());
		RegisteredClient withSettings = RegisteredClient.from(this.client)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(Duration.ofMinutes(5))
				.refreshTokenTimeToLive(Duration.ofDays(30))
				.reuseRefreshTokens(false)
				.idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
				.build())
			.build();
		stock.save(withSettings);

		for (int i = 0; i < 2; i++) {
			RegisteredClient read = ours.findByClientId(this.client.getClientId());
			assertThat(read).isEqualTo(stock.findByClientId(this.client.getClientId()));
			assertThat(read.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(5));
			assertThat(read.getClientSettings().isRequireProofKey()).isTrue();
		}
	}

	@Test
	void everyStoredColumnParsesEqualToTheFrameworksParse() {
		JsonMapper stock = frameworkMapper(JsonMapper.builder());
		JsonMapper ours = StoredAuthorizationJson.jsonMapper();
		OAuth2Authorization authorization = authorization("authz-2", "other-thumbprint");
		List<Map<String, Object>> columns = List.of(authorization.getAttributes(),
				authorization.getToken(OAuth2AuthorizationCode.class).getMetadata(),
				authorization.getAccessToken().getMetadata(), authorization.getRefreshToken().getMetadata());
		for (Map<String, Object> column : columns) {
			String json = stock.writeValueAsString(column);
			// twice: the second read goes through the deserializers the first one left in the cache
			for (int i = 0; i < 2; i++) {
				Map<String, Object> read = ours.readValue(json, MAP);
				assertThat(read).isEqualTo(stock.readValue(json, MAP));
				assertThat(stock.writeValueAsString(read)).isEqualTo(json);
			}
		}
	}

	@Test
	void everyJdkWrapperItInterceptsReadsAsJacksonReadsIt() {
		JsonMapper stock = frameworkMapper(JsonMapper.builder());
		JsonMapper ours = StoredAuthorizationJson.jsonMapper();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("unmodifiable-set", Collections.unmodifiableSet(new LinkedHashSet<>(List.of("b", "a"))));
		values.put("unmodifiable-random-access-list", Collections.unmodifiableList(new ArrayList<>(List.of("x"))));
		values.put("singleton-list", Collections.singletonList("z"));
		values.put("arrays-as-list", java.util.Arrays.asList("p", "q"));
		values.put("unmodifiable-map", Collections.unmodifiableMap(new LinkedHashMap<>(Map.of("k", "v"))));
		String json = stock.writeValueAsString(values);
		for (String wrapper : StoredAuthorizationJson.JdkCollectionWrappers.COLLECTIONS) {
			assertThat(json).as("the sample covers every wrapper").contains(wrapper);
		}
		for (int i = 0; i < 2; i++) {
			Map<String, Object> read = ours.readValue(json, MAP);
			Map<String, Object> expected = stock.readValue(json, MAP);
			assertThat(read).isEqualTo(expected);
			read.forEach((key, value) -> assertThat(value.getClass()).isEqualTo(expected.get(key).getClass()));
			// Jackson itself reads Arrays$ArrayList as ArrayList and an unmodifiable set into a HashSet: same as stock
			assertThat(stock.writeValueAsString(read)).isEqualTo(stock.writeValueAsString(expected));
		}
	}

	@Test
	void warmMapperBuildsNoDeserializerPerRead() {
		JsonMapper stock = frameworkMapper(JsonMapper.builder());
		String attributes = stock.writeValueAsString(authorization("authz-3", "thumbprint").getAttributes());
		String accessTokenMetadata = stock
			.writeValueAsString(authorization("authz-3", "thumbprint").getAccessToken().getMetadata());
		CountingCaches framework = new CountingCaches();
		CountingCaches reusable = new CountingCaches();
		JsonMapper frameworkMapper = frameworkMapper(JsonMapper.builder().cacheProvider(framework));
		JsonMapper reusableMapper = frameworkMapper(JsonMapper.builder()
			.cacheProvider(reusable)
			.addModule(new StoredAuthorizationJson.ReusableDeserializers()));
		for (JsonMapper mapper : List.of(frameworkMapper, reusableMapper)) {
			mapper.readValue(attributes, MAP);
			mapper.readValue(accessTokenMetadata, MAP);
		}
		framework.misses.set(0);
		reusable.misses.set(0);
		reusable.missed.clear();

		for (JsonMapper mapper : List.of(frameworkMapper, reusableMapper)) {
			mapper.readValue(attributes, MAP);
			mapper.readValue(accessTokenMetadata, MAP);
		}

		// each miss is a trip through DeserializerCache._createAndCacheValueDeserializer and its lock
		assertThat(framework.misses.get()).as("the framework's mapper rebuilds deserializers on every read")
			.isGreaterThan(0);
		assertThat(reusable.misses.get()).as("rebuilt: %s", reusable.missed).isZero();
	}

	@Test
	void onlyStatelessSpringSecurityDeserializersAreMadeCachable() {
		assertThat(StoredAuthorizationJson.StatelessSecurityDeserializers.isStatelessSecurityDeserializer(
				classNamed("org.springframework.security.jackson.UserDeserializer"))).isTrue();
		assertThat(StoredAuthorizationJson.StatelessSecurityDeserializers.isStatelessSecurityDeserializer(
				classNamed("org.springframework.security.oauth2.server.authorization.jackson.OAuth2AuthorizationRequestDeserializer")))
			.isTrue();
		assertThat(StoredAuthorizationJson.StatelessSecurityDeserializers
			.isStatelessSecurityDeserializer(StatefulDeserializer.class)).as("not Spring Security's").isFalse();
		assertThat(StoredAuthorizationJson.StatelessSecurityDeserializers.isStatelessSecurityDeserializer(null))
			.isFalse();
	}

	private OAuth2Authorization authorization(String id, String thumbprint) {
		String resource = "http://localhost:18201/mcp";
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put(PkceParameterNames.CODE_CHALLENGE, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
		parameters.put(PkceParameterNames.CODE_CHALLENGE_METHOD, "S256");
		parameters.put("resource", resource);
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("http://localhost:18200/oauth2/authorize")
			.clientId(this.client.getClientId())
			.redirectUri("http://127.0.0.1:33418/callback")
			.scopes(new LinkedHashSet<>(List.of("mcp:tools", "mcp:admin")))
			.state("state-value")
			.additionalParameters(parameters)
			.build();
		List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_USER"),
				FactorGrantedAuthority.withAuthority("FACTOR_PASSWORD").issuedAt(NOW).build()));
		UsernamePasswordAuthenticationToken principal = UsernamePasswordAuthenticationToken
			.authenticated(new User("alice", "", authorities), null, authorities);
		principal.setDetails(new WebAuthenticationDetails("127.0.0.1", null));
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "alice");
		claims.put("aud", Collections.singletonList(resource));
		claims.put("nbf", NOW);
		claims.put("scope", "mcp:tools");
		claims.put("iss", URI.create("http://localhost:18200").toString());
		claims.put("exp", NOW.plusSeconds(300));
		claims.put("iat", NOW);
		claims.put("jti", "4b0f6b8e-7c1c-4f0e-9f7e-2a2e3c1d5b6a");
		claims.put("client_id", this.client.getClientId());
		Map<String, Object> confirmation = new HashMap<>();
		confirmation.put("jkt", thumbprint);
		claims.put("cnf", confirmation);
		return OAuth2Authorization.withRegisteredClient(this.client)
			.id(id)
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("mcp:tools", "mcp:admin"))
			.attribute(OAuth2AuthorizationRequest.class.getName(), request)
			.attribute("java.security.Principal", principal)
			.token(new OAuth2AuthorizationCode("code-value", NOW.minusSeconds(10), NOW.plusSeconds(290)),
					(metadata) -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true))
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.DPOP, "access-token-value", NOW,
					NOW.plusSeconds(300), Set.of("mcp:tools")), (metadata) -> {
						metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims);
						metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false);
					})
			.token(new OAuth2RefreshToken("refresh-token-value", NOW, NOW.plusSeconds(86400)),
					(metadata) -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false))
			.attribute(OAuth2ParameterNames.STATE, "state-value")
			.build();
	}

	private static void assertSameJson(OAuth2Authorization actual, OAuth2Authorization expected) {
		JsonMapper stock = frameworkMapper(JsonMapper.builder());
		assertThat(stock.writeValueAsString(actual.getAttributes()))
			.isEqualTo(stock.writeValueAsString(expected.getAttributes()));
		assertThat(stock.writeValueAsString(actual.getAccessToken().getMetadata()))
			.isEqualTo(stock.writeValueAsString(expected.getAccessToken().getMetadata()));
	}

	/** The mapper {@code JdbcOAuth2AuthorizationService} builds for its JSON columns (Spring Security 7.0). */
	private static JsonMapper frameworkMapper(JsonMapper.Builder builder) {
		return builder.addModules(SecurityJacksonModules.getModules(StoredAuthorizationJsonTest.class.getClassLoader()))
			.build();
	}

	private static Class<?> classNamed(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			throw new AssertionError(ex);
		}
	}

	/** A deserializer with state of its own: must not be shared. */
	static final class StatefulDeserializer extends ValueDeserializer<Object> {

		private int seen;

		@Override
		public Object deserialize(tools.jackson.core.JsonParser parser, tools.jackson.databind.DeserializationContext context) {
			return ++this.seen;
		}

	}

	/** Jackson's own caches, counting the deserializer lookups that find nothing. */
	static final class CountingCaches implements CacheProvider {

		private static final long serialVersionUID = 1L;

		final AtomicInteger misses = new AtomicInteger();

		final Set<Object> missed = ConcurrentHashMap.newKeySet();

		@Override
		public LookupCache<JavaType, ValueDeserializer<Object>> forDeserializerCache(DeserializationConfig config) {
			return new Counting<>(DefaultCacheProvider.defaultInstance().forDeserializerCache(config), this.misses,
					this.missed);
		}

		@Override
		public LookupCache<TypeKey, ValueSerializer<Object>> forSerializerCache(SerializationConfig config) {
			return DefaultCacheProvider.defaultInstance().forSerializerCache(config);
		}

		@Override
		public LookupCache<Object, JavaType> forTypeFactory() {
			return DefaultCacheProvider.defaultInstance().forTypeFactory();
		}

	}

	record Counting<K, V>(LookupCache<K, V> delegate, AtomicInteger misses, Set<Object> missed)
			implements LookupCache<K, V> {

		@Override
		public V get(K key) {
			V value = this.delegate.get(key);
			if (value == null) {
				this.misses.incrementAndGet();
				this.missed.add(key);
			}
			return value;
		}

		@Override
		public V put(K key, V value) {
			return this.delegate.put(key, value);
		}

		@Override
		public V putIfAbsent(K key, V value) {
			return this.delegate.putIfAbsent(key, value);
		}

		@Override
		public void clear() {
			this.delegate.clear();
		}

		@Override
		public int size() {
			return this.delegate.size();
		}

		@Override
		public void contents(BiConsumer<K, V> consumer) {
			this.delegate.contents(consumer);
		}

		@Override
		public LookupCache<K, V> emptyCopy() {
			return new Counting<>(this.delegate.emptyCopy(), this.misses, this.missed);
		}

		@Override
		public LookupCache<K, V> snapshot() {
			return new Counting<>(this.delegate.snapshot(), this.misses, this.missed);
		}

	}

}
