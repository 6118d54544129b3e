package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.LinkedHashSet;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import dev.mcpauth.oauth2.server.authorization.McpAuthorizationServerSettings;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcherDecorator;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentRegisteredClientRepository;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentRegisteredClients;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentResolver;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentValidator;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdUrlPolicy;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.AddressResolver;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.CimdUrlPolicy;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.ClientIdFetchPolicy;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.CoalescingDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.DevelopmentAllowlist;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.FetchLimits;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.HardenedDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.client.ClientSecretPolicy;
import dev.mcpauth.oauth2.server.authorization.keys.DatabaseJwkSource;
import dev.mcpauth.oauth2.server.authorization.keys.ProcessSigningKey;
import dev.mcpauth.oauth2.server.authorization.resource.ProtectedResources;
import dev.mcpauth.oauth2.server.authorization.store.ExpiredAuthorizationCleanup;
import dev.mcpauth.oauth2.server.authorization.store.RequestScopedReads;
import dev.mcpauth.oauth2.server.authorization.store.StoredAuthorizationJson;
import dev.mcpauth.oauth2.server.authorization.token.AccessTokenClaimsCustomizer;
import dev.mcpauth.oauth2.server.authorization.token.McpTokenSettings;
import dev.mcpauth.oauth2.server.authorization.token.RotatingRefreshTokenGenerator;
import dev.mcpauth.oauth2.server.authorization.web.BrowserClientCors;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The MCP authorization server's beans from {@code mcp.authorization-server.*}: Client ID Metadata Document clients
 * (hardened fetch, bounded cache) over Spring Authorization Server's JDBC stores, the protected resources, token
 * settings and generator, signing key and CORS. Every bean backs off when the application declares its own. Runs
 * before Spring Boot's authorization server auto-configuration, whose defaults then back off too.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration" })
@ConditionalOnClass({ OAuth2Authorization.class, JdbcOperations.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ McpAuthorizationServerProperties.class, ClientSecretsProperties.class })
// SigningKeyConfiguration first: its JWKSource (store=database) makes jwkSource() below back off
@Import({ SigningKeyConfiguration.class, GrantReplayDetectionConfiguration.class,
		McpAuthorizationServerWebSecurityConfiguration.class, ExpiredAuthorizationCleanupConfiguration.class })
public class McpAuthorizationServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuthorizationServerSettings authorizationServerSettings(McpAuthorizationServerProperties properties) {
		// set explicitly: otherwise the issuer is derived from the request's Host header (RFC 8414 §3.3)
		Assert.state(StringUtils.hasText(properties.issuer()), "mcp.authorization-server.issuer must be set");
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

	@Bean
	@ConditionalOnMissingBean
	McpAuthorizationServerSettings mcpAuthorizationServerSettings(McpAuthorizationServerProperties properties) {
		McpAuthorizationServerProperties.Dpop dpop = properties.dpop();
		return new McpAuthorizationServerSettings(new LinkedHashSet<>(properties.scopes()),
				new LinkedHashSet<>(properties.defaultScopes()), properties.dynamicClientRegistration(),
				properties.clientCredentials().enabled(), new McpAuthorizationServerSettings.Dpop(dpop.enabled(),
						dpop.nonceRequired(), dpop.nonceLifetime(), dpop.nonceSecret()));
	}

	@Bean
	@ConditionalOnMissingBean
	ProtectedResources protectedResources(McpAuthorizationServerProperties properties) {
		Assert.state(!properties.resources().isEmpty(), "mcp.authorization-server.resources must name at least one "
				+ "protected resource (RFC 8707 resource indicator)");
		return new ProtectedResources(properties.resources());
	}

	@Bean
	@ConditionalOnMissingBean
	TokenSettings tokenSettings(McpAuthorizationServerProperties properties) {
		return McpTokenSettings.of(properties.accessTokenTimeToLive(), properties.authorizationCodeTimeToLive());
	}

	/** Which client ids are fetched, decided without network access (the authorization endpoint logs in first). */
	@Bean
	@ConditionalOnMissingBean
	ClientIdFetchPolicy clientIdFetchPolicy(McpAuthorizationServerProperties properties) {
		McpAuthorizationServerProperties.Cimd cimd = properties.cimd();
		return new ClientIdFetchPolicy(new ClientIdUrlPolicy(cimd.allowHttpAndLoopback()), cimdUrlPolicy(cimd));
	}

	/**
	 * The network fetch ({@link HardenedDocumentFetcher}: URL policy, special-use address checks on the resolved
	 * addresses, pinned connection, strict response reading) behind single flight, a negative cache and
	 * stale-if-error ({@link CoalescingDocumentFetcher}). Declare an {@link AddressResolver} bean to replace DNS
	 * resolution (tests do). {@link ClientIdMetadataDocumentFetcherDecorator} beans wrap the network fetcher
	 * (metrics, per-host rate limits). TLS trust comes from the SSL bundle named by
	 * {@code mcp.authorization-server.cimd.ssl-bundle} when set, so a private CA can be trusted for these fetches
	 * without touching the JVM's trust store.
	 */
	@Bean
	@ConditionalOnMissingBean
	ClientIdMetadataDocumentFetcher clientIdMetadataDocumentFetcher(McpAuthorizationServerProperties properties,
			ObjectProvider<AddressResolver> resolver,
			ObjectProvider<ClientIdMetadataDocumentFetcherDecorator> decorators, ObjectProvider<SslBundles> sslBundles)
			throws NoSuchAlgorithmException {
		McpAuthorizationServerProperties.Cimd cimd = properties.cimd();
		HardenedDocumentFetcher network = new HardenedDocumentFetcher(cimdUrlPolicy(cimd),
				resolver.getIfAvailable(AddressResolver::system), developmentAllowlist(cimd),
				new FetchLimits(cimd.connectTimeout(), cimd.readTimeout(), cimd.maxDocumentBytes()),
				outgoingTls(cimd.sslBundle(), sslBundles));
		return new CoalescingDocumentFetcher(
				ClientIdMetadataDocumentFetcherDecorator.network(network, decorators.orderedStream().toList()),
				cimd.negativeCacheTtl(), cimd.staleIfError(),
				cimd.maxCachedDocuments(), Clock.systemUTC());
	}

	/**
	 * The TLS trust of document and {@code jwks_uri} fetches: the named SSL bundle's own {@code SSLContext} (its trust
	 * store only, never the JVM default), or the JVM default context when no bundle is named. Only the bundle's
	 * stores and key are used; SNI, hostname verification and the pinned address stay the fetcher's.
	 */
	static SSLSocketFactory outgoingTls(String bundleName, ObjectProvider<SslBundles> sslBundles)
			throws NoSuchAlgorithmException {
		if (!StringUtils.hasText(bundleName)) {
			return SSLContext.getDefault().getSocketFactory();
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		Assert.state(bundles != null, () -> "mcp.authorization-server.cimd.ssl-bundle is set to '" + bundleName
				+ "' but no SSL bundles are configured (spring.ssl.bundle.*)");
		return bundles.getBundle(bundleName).createSslContext().getSocketFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	ClientIdMetadataDocumentResolver clientIdMetadataDocumentResolver(McpAuthorizationServerProperties properties,
			ClientIdMetadataDocumentFetcher fetcher,
			ObjectProvider<ClientIdMetadataDocumentFetcherDecorator> decorators) {
		McpAuthorizationServerProperties.Cimd cimd = properties.cimd();
		return new ClientIdMetadataDocumentResolver(new ClientIdUrlPolicy(cimd.allowHttpAndLoopback()),
				ClientIdMetadataDocumentFetcherDecorator.resolver(fetcher, decorators.orderedStream().toList()),
				new ClientIdMetadataDocumentValidator(cimd.allowHttpAndLoopback()),
				new ClientIdMetadataDocumentResolver.CachePolicy(cimd.defaultCacheTtl(), cimd.minCacheTtl(),
						cimd.maxCacheTtl(), cimd.maxCachedDocuments()),
				Clock.systemUTC());
	}

	/** CIMD clients resolved on demand, every client kept in Spring Authorization Server's JDBC table. */
	@Bean
	@ConditionalOnMissingBean
	RegisteredClientRepository registeredClientRepository(JdbcOperations jdbcOperations,
			ClientIdMetadataDocumentResolver resolver, McpAuthorizationServerSettings settings,
			TokenSettings tokenSettings) {
		JdbcRegisteredClientRepository stored = new JdbcRegisteredClientRepository(jdbcOperations);
		stored.setRegisteredClientRowMapper(StoredAuthorizationJson.registeredClientRowMapper());
		return new ClientIdMetadataDocumentRegisteredClientRepository(stored,
				resolver, new ClientIdMetadataDocumentRegisteredClients(settings.scopes(), tokenSettings));
	}

	/** Writes {@code mcp.authorization-server.clients} to the store at start-up. */
	@Bean
	@ConditionalOnMissingBean
	PreRegisteredClients preRegisteredClients(RegisteredClientRepository repository,
			McpAuthorizationServerProperties properties, McpAuthorizationServerSettings settings,
			TokenSettings tokenSettings, ClientSecretPolicy clientSecretPolicy) {
		return new PreRegisteredClients(repository, properties.clients(), settings.scopes(), tokenSettings,
				clientSecretPolicy);
	}

	/**
	 * No Spring Security observations (a span or timer per filter, per authentication and per authorization, with a
	 * meter lookup for every filter's events): about 9 % of the CPU of a client credentials grant once its secret is
	 * no longer checked with BCrypt (docs/performance.md, issue 18), as on the resource server. Requests stay observed
	 * by Spring's {@code http.server.requests}, and the application's own meters and audit events stay. An
	 * application that wants Spring Security's observations declares its own {@link SecurityObservationSettings}
	 * bean, e.g. {@code SecurityObservationSettings.withDefaults().build()}.
	 * @return the settings
	 */
	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings mcpAuthorizationServerSecurityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Which client secrets are machine secrets (stored as a SHA-256 digest); the configurer gives the encoder to
	 * Spring's client authentication and registration providers only, never to user login.
	 */
	@Bean
	@ConditionalOnMissingBean
	ClientSecretPolicy clientSecretPolicy(ClientSecretsProperties properties) {
		return new ClientSecretPolicy(properties.digestHighEntropy(), properties.minLength(),
				properties.minEntropyBits());
	}

	/**
	 * Spring's JDBC store, reading its JSON columns with {@link StoredAuthorizationJson} (same format and type
	 * allowlist, deserializers kept instead of rebuilt under Jackson's lock on every read). No authorization is cached
	 * across requests: {@link RequestScopedReads} remembers a read only until the request ends or the next write,
	 * and {@code save}'s own existence check reuses the request's read of the same authorization.
	 */
	@Bean
	@ConditionalOnMissingBean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbcOperations,
			RegisteredClientRepository registeredClientRepository) {
		RegisteredClientRepository clients = RequestScopedReads.registeredClients(registeredClientRepository);
		JdbcOAuth2AuthorizationService service = RequestScopedReads.jdbcAuthorizations(jdbcOperations, clients);
		service.setAuthorizationRowMapper(StoredAuthorizationJson.rowMapper(clients));
		return service;
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbcOperations,
			RegisteredClientRepository registeredClientRepository) {
		return new JdbcOAuth2AuthorizationConsentService(jdbcOperations, registeredClientRepository);
	}

	/**
	 * Spring's generators, with the MCP access-token claims ({@code aud} = the bound resource) and refresh tokens
	 * for public clients too (see {@link RotatingRefreshTokenGenerator}).
	 */
	@Bean
	@ConditionalOnMissingBean
	OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JWKSource<SecurityContext> jwkSource) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(jwkSource);
		// a rotating key set also lists the next and the retired public keys: sign with the one that has its
		// private key
		encoder.setJwkSelector(DatabaseJwkSource::signingKey);
		JwtGenerator jwtGenerator = new JwtGenerator(encoder);
		jwtGenerator.setJwtCustomizer(new AccessTokenClaimsCustomizer());
		return new DelegatingOAuth2TokenGenerator(jwtGenerator, new OAuth2AccessTokenGenerator(),
				new RotatingRefreshTokenGenerator(Clock.systemUTC()));
	}

	/** A process-lifetime RSA key; declare another {@link JWKSource} bean to load a persistent one. */
	@Bean
	@ConditionalOnMissingBean
	JWKSource<SecurityContext> jwkSource() {
		return ProcessSigningKey.generate();
	}

	/**
	 * Used by both filter chains: preflight requests for the token endpoint reach the default chain. Spring
	 * Security looks this bean up by its name (Spring MVC's introspector is a {@link CorsConfigurationSource} too).
	 */
	@Bean
	@ConditionalOnMissingBean(name = "corsConfigurationSource")
	CorsConfigurationSource corsConfigurationSource(McpAuthorizationServerProperties properties) {
		return properties.corsAllowedOrigins().isEmpty() ? new UrlBasedCorsConfigurationSource()
				: BrowserClientCors.source(properties.corsAllowedOrigins());
	}

	private static CimdUrlPolicy cimdUrlPolicy(McpAuthorizationServerProperties.Cimd cimd) {
		return new CimdUrlPolicy(cimd.allowedHosts(), cimd.deniedHosts(), !developmentAllowlist(cimd).isEmpty());
	}

	private static DevelopmentAllowlist developmentAllowlist(McpAuthorizationServerProperties.Cimd cimd) {
		return ClientIdFetchPolicy.developmentAllowlist(cimd.allowHttpAndLoopback(), cimd.developmentAllowlist());
	}

}
