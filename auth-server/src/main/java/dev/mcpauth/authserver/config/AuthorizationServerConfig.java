package dev.mcpauth.authserver.config;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.mcpauth.authserver.demo.DemoConfig.DemoMode;
import dev.mcpauth.authserver.keys.ProcessSigningKey;
import dev.mcpauth.authserver.redirect.RedirectUriValidator;
import dev.mcpauth.authserver.registration.PublicClientRegistrationConverter;
import dev.mcpauth.authserver.registration.PublicClientRegistrationValidator;
import dev.mcpauth.authserver.resource.ProtectedResources;
import dev.mcpauth.authserver.resource.ResourceBindingAuthenticationProvider;
import dev.mcpauth.authserver.resource.ResourceIndicatorValidator;
import dev.mcpauth.authserver.scope.DefaultScopeAuthorizationRequestConverter;
import dev.mcpauth.authserver.token.AccessTokenClaimsCustomizer;
import dev.mcpauth.authserver.token.PublicClientRefreshAuthentication;
import dev.mcpauth.authserver.token.RotatingRefreshTokenGenerator;
import dev.mcpauth.authserver.web.AuthorizationResponseHandler;
import dev.mcpauth.authserver.web.BrowserClientCors;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientAuthenticationConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientRegistrationEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The OAuth 2.1 authorization server: Spring Authorization Server's endpoints, with the MCP rules plugged into
 * its extension points.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfig {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, AuthServerProperties properties,
			ProtectedResources protectedResources, OAuth2AuthorizationService authorizationService,
			RegisteredClientRepository registeredClientRepository, TokenSettings tokenSettings,
			AuthorizationServerSettings settings, ObjectProvider<DemoMode> demoMode,
			ObjectProvider<AuthorizationServerChainCustomizer> chainCustomizers)
			throws Exception {
		Set<String> scopes = new LinkedHashSet<>(properties.scopes());
		DemoMode demo = demoMode.getIfAvailable();
		http.oauth2AuthorizationServer((authorizationServer) -> {
			http.securityMatcher(authorizationServer.getEndpointsMatcher());
			authorizationServer
				.authorizationEndpoint(authorizationEndpoint(properties, protectedResources, demo != null))
				.clientAuthentication(publicClientRefresh(registeredClientRepository))
				.tokenEndpoint(resourceBinding(authorizationService, protectedResources))
				.authorizationServerMetadataEndpoint((metadata) -> metadata
					.authorizationServerMetadataCustomizer(new AuthorizationServerMetadata(properties)::customize));
			if (properties.dynamicClientRegistration()) {
				authorizationServer.clientRegistrationEndpoint(openRegistration(scopes, tokenSettings));
			}
		});
		http.cors(Customizer.withDefaults());
		http.authorizeHttpRequests((authorize) -> authorize
			// open registration needs no initial access token (RFC 7591 §3)
			.requestMatchers(HttpMethod.POST, "/oauth2/register").permitAll()
			.anyRequest().authenticated())
			// only an unauthenticated browser at the authorization endpoint goes to the login form; a token
			// request without client authentication gets the framework's 401, never a login redirect
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"),
					new AndRequestMatcher(
							PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint()),
							new MediaTypeRequestMatcher(MediaType.TEXT_HTML))));
		if (demo != null) {
			http.addFilterAfter(demo.userFilter(settings.getAuthorizationEndpoint()), SecurityContextHolderFilter.class);
		}
		for (AuthorizationServerChainCustomizer customizer : chainCustomizers.orderedStream().toList()) {
			customizer.customize(http);
		}
		return http.build();
	}

	/**
	 * Default scopes for scope-less requests; redirect URI, scope and RFC 8707 checks in that order (a bad
	 * redirect_uri is reported before anything is redirected); {@code iss} on every response; auto-consent in demo.
	 */
	private static Customizer<OAuth2AuthorizationEndpointConfigurer> authorizationEndpoint(
			AuthServerProperties properties, ProtectedResources protectedResources, boolean autoConsent) {
		AuthorizationResponseHandler responses = new AuthorizationResponseHandler(properties.issuer());
		Set<String> defaultScopes = new LinkedHashSet<>(properties.defaultScopes());
		return (authorization) -> authorization
			.authorizationRequestConverters((converters) -> converters.replaceAll(
					(converter) -> (converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
							? new DefaultScopeAuthorizationRequestConverter(defaultScopes) : converter))
			.authenticationProviders((providers) -> providers.forEach((provider) -> {
				if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
					codeRequests.setAuthenticationValidator(new RedirectUriValidator()
						.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
						.andThen(new ResourceIndicatorValidator(protectedResources)));
					if (autoConsent) {
						codeRequests.setAuthorizationConsentRequired((context) -> false);
					}
				}
			}))
			.authorizationResponseHandler(responses)
			.errorResponseHandler(responses);
	}

	/** Public clients refresh with their client_id only; their refresh tokens rotate (AS-09). */
	private static Customizer<OAuth2ClientAuthenticationConfigurer> publicClientRefresh(
			RegisteredClientRepository registeredClientRepository) {
		return (clientAuthentication) -> clientAuthentication
			.authenticationConverters(
					(converters) -> converters.add(0, new PublicClientRefreshAuthentication.Converter()))
			.authenticationProviders((providers) -> providers.add(0,
					new PublicClientRefreshAuthentication.Provider(registeredClientRepository)));
	}

	/** The code and refresh grants only issue tokens for the resource bound to the grant (RFC 8707 §2.2). */
	private static Customizer<OAuth2TokenEndpointConfigurer> resourceBinding(
			OAuth2AuthorizationService authorizationService, ProtectedResources protectedResources) {
		return (token) -> token.authenticationProviders((providers) -> providers.replaceAll((provider) -> {
			boolean bindsResource = provider instanceof OAuth2AuthorizationCodeAuthenticationProvider
					|| provider instanceof OAuth2RefreshTokenAuthenticationProvider;
			return bindsResource
					? new ResourceBindingAuthenticationProvider(provider, authorizationService, protectedResources)
					: provider;
		}));
	}

	/** RFC 7591 open registration, public clients only (see {@code registration/}). */
	private static Customizer<OAuth2ClientRegistrationEndpointConfigurer> openRegistration(Set<String> scopes,
			TokenSettings tokenSettings) {
		return (registration) -> registration.openRegistrationAllowed(true)
			.authenticationProviders((providers) -> providers.forEach((provider) -> {
				if (provider instanceof OAuth2ClientRegistrationAuthenticationProvider registrations) {
					registrations.setAuthenticationValidator(new PublicClientRegistrationValidator(scopes));
					registrations.setRegisteredClientConverter(
							new PublicClientRegistrationConverter(scopes, tokenSettings));
				}
			}));
	}

	/** Used by both filter chains: preflight requests for the token endpoint reach the default chain. */
	@Bean
	CorsConfigurationSource corsConfigurationSource(AuthServerProperties properties) {
		return properties.corsAllowedOrigins().isEmpty() ? new UrlBasedCorsConfigurationSource()
				: BrowserClientCors.source(properties.corsAllowedOrigins());
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(AuthServerProperties properties) {
		// set explicitly: otherwise the issuer is derived from the request's Host header (RFC 8414 §3.3)
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

	@Bean
	ProtectedResources protectedResources(AuthServerProperties properties) {
		return new ProtectedResources(properties.resources());
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbcOperations,
			RegisteredClientRepository registeredClientRepository) {
		return new JdbcOAuth2AuthorizationService(jdbcOperations, registeredClientRepository);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbcOperations,
			RegisteredClientRepository registeredClientRepository) {
		return new JdbcOAuth2AuthorizationConsentService(jdbcOperations, registeredClientRepository);
	}

	/**
	 * Spring's generators, except that refresh tokens also go to public clients (see
	 * {@link RotatingRefreshTokenGenerator}).
	 */
	@Bean
	OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JWKSource<SecurityContext> jwkSource) {
		JwtGenerator jwtGenerator = new JwtGenerator(new NimbusJwtEncoder(jwkSource));
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

}
