package dev.mcpauth.oauth2.server.authorization;

import java.util.List;
import java.util.function.Predicate;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.AuthenticateBeforeFetchFilter;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.FetchRateLimitExceededFilter;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.ClientIdFetchPolicy;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.HardenedClientAssertionDecoderFactory;
import dev.mcpauth.oauth2.server.authorization.client.ClientAssertionDecoderFactory;
import dev.mcpauth.oauth2.server.authorization.client.ClientAuthenticationFailureHandler;
import dev.mcpauth.oauth2.server.authorization.client.ClientCredentialsGrantProvider;
import dev.mcpauth.oauth2.server.authorization.client.ClientSecretEncoder;
import dev.mcpauth.oauth2.server.authorization.client.ClientSecretPolicy;
import dev.mcpauth.oauth2.server.authorization.client.ClientSecretProviders;
import dev.mcpauth.oauth2.server.authorization.dpop.DPoPBoundRefreshTokens;
import dev.mcpauth.oauth2.server.authorization.dpop.DPoPNonces;
import dev.mcpauth.oauth2.server.authorization.dpop.DPoPTokenRequestFilter;
import dev.mcpauth.oauth2.server.authorization.metadata.AuthorizationServerMetadataCustomizer;
import dev.mcpauth.oauth2.server.authorization.redirect.RedirectUriValidator;
import dev.mcpauth.oauth2.server.authorization.registration.PublicClientRegistrationConverter;
import dev.mcpauth.oauth2.server.authorization.registration.RegistrationRequestFilter;
import dev.mcpauth.oauth2.server.authorization.registration.PublicClientRegistrationValidator;
import dev.mcpauth.oauth2.server.authorization.resource.ProtectedResources;
import dev.mcpauth.oauth2.server.authorization.resource.ResourceBindingAuthenticationProvider;
import dev.mcpauth.oauth2.server.authorization.token.GrantReplayDetection;
import dev.mcpauth.oauth2.server.authorization.resource.ResourceIndicatorValidator;
import dev.mcpauth.oauth2.server.authorization.scope.DefaultScopeAuthorizationRequestConverter;
import dev.mcpauth.oauth2.server.authorization.token.McpTokenSettings;
import dev.mcpauth.oauth2.server.authorization.token.PublicClientRefreshAuthentication;
import dev.mcpauth.oauth2.server.authorization.web.AuthorizationResponseHandler;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientAuthenticationConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientRegistrationEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenEndpointConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Applies Spring Authorization Server to a filter chain with the MCP authorization rules (revision 2025-11-25)
 * plugged into its extension points:
 *
 * <pre>
 * http.with(mcpAuthorizationServer(), (mcp) -&gt; mcp.consentPage("/oauth2/consent"));
 * </pre>
 *
 * <ul>
 * <li>the chain matches the authorization server endpoints only; an unauthenticated browser at the authorization
 * endpoint goes to the login page, every other unauthenticated call gets the framework's 401;</li>
 * <li>authorization requests: default scopes for scope-less requests, redirect URI (loopback on any port), scope
 * and RFC 8707 {@code resource} checks in that order, RFC 9207 {@code iss} on every response, an error page
 * instead of a redirect when the client or redirect URI cannot be trusted;</li>
 * <li>Client ID Metadata Documents are fetched only after login, and {@code private_key_jwt} keys through the
 * hardened fetcher;</li>
 * <li>the code and refresh grants issue tokens only for the resource bound to the grant; public clients refresh
 * with their {@code client_id} and rotating refresh tokens;</li>
 * <li>the client credentials grant (when enabled) for confidential clients registered for it, bound to a known
 * resource like the code grant;</li>
 * <li>client secrets: high-entropy ones stored and verified as a SHA-256 digest, others with the slow password
 * hash ({@link ClientSecretEncoder}); user passwords are never touched;</li>
 * <li>DPoP-bound tokens for requests with a proof (RFC 9449), optional server nonces, public clients' refresh
 * tokens bound to the proof key;</li>
 * <li>RFC 8414 metadata advertising exactly what the server offers; optional open registration of public
 * clients (RFC 7591), with strict JSON types, a size limit and {@code application/json} only.</li>
 * </ul>
 *
 * <p>Reads from the application context: {@link AuthorizationServerSettings} (with an explicit issuer),
 * {@link McpAuthorizationServerSettings}, {@link ProtectedResources}, {@link RegisteredClientRepository},
 * {@link OAuth2AuthorizationService}, and when present {@link TokenSettings}, {@link ClientIdFetchPolicy},
 * {@link ClientIdMetadataDocumentFetcher}, {@link ClientSecretPolicy} and a {@link PasswordEncoder} (the slow hash of
 * client secrets that are not digested). The Boot auto-configuration declares all of them from
 * {@code mcp.authorization-server.*}.
 */
public final class McpAuthorizationServerConfigurer
		extends AbstractHttpConfigurer<McpAuthorizationServerConfigurer, HttpSecurity> {

	private String loginPage = "/login";

	private String consentPage;

	private Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> authorizationConsentRequired;

	private Customizer<OAuth2AuthorizationServerConfigurer> authorizationServer = Customizer.withDefaults();

	private int registrationMaxRequestBytes = RegistrationRequestFilter.DEFAULT_MAX_BYTES;

	private McpAuthorizationServerConfigurer() {
	}

	/** The configurer for {@code http.with(mcpAuthorizationServer(), (mcp) -> ...)}. */
	public static McpAuthorizationServerConfigurer mcpAuthorizationServer() {
		return new McpAuthorizationServerConfigurer();
	}

	/** Where an unauthenticated browser at the authorization endpoint is sent (default {@code /login}). */
	public McpAuthorizationServerConfigurer loginPage(String loginPage) {
		Assert.hasText(loginPage, "loginPage must not be empty");
		this.loginPage = loginPage;
		return this;
	}

	/** A custom consent page, passed to Spring's {@code authorizationEndpoint().consentPage(...)}. */
	public McpAuthorizationServerConfigurer consentPage(String consentPage) {
		Assert.hasText(consentPage, "consentPage must not be empty");
		this.consentPage = consentPage;
		return this;
	}

	/**
	 * Decides when the user is asked for consent, replacing Spring's rule (a client that requires consent and has
	 * no consent stored for every requested scope). A demo may answer {@code false} to approve every request.
	 */
	public McpAuthorizationServerConfigurer authorizationConsentRequired(
			Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> authorizationConsentRequired) {
		Assert.notNull(authorizationConsentRequired, "authorizationConsentRequired must not be null");
		this.authorizationConsentRequired = authorizationConsentRequired;
		return this;
	}

	/**
	 * The largest RFC 7591 registration request accepted (default 16 KiB); larger ones get 413 before anything
	 * reads them.
	 */
	public McpAuthorizationServerConfigurer registrationMaxRequestBytes(int maxBytes) {
		Assert.isTrue(maxBytes > 0, "registrationMaxRequestBytes must be positive");
		this.registrationMaxRequestBytes = maxBytes;
		return this;
	}

	/**
	 * Further customisation of Spring's {@link OAuth2AuthorizationServerConfigurer} (e.g. OpenID Connect), applied
	 * after the MCP rules.
	 */
	public McpAuthorizationServerConfigurer authorizationServer(
			Customizer<OAuth2AuthorizationServerConfigurer> authorizationServer) {
		Assert.notNull(authorizationServer, "authorizationServer must not be null");
		this.authorizationServer = authorizationServer;
		return this;
	}

	@Override
	public void init(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		Assert.state(context != null, "McpAuthorizationServerConfigurer needs an ApplicationContext");
		AuthorizationServerSettings settings = required(context, AuthorizationServerSettings.class);
		// RFC 8414 §3.3: the issuer is configured, never derived from the request's Host header
		Assert.state(StringUtils.hasText(settings.getIssuer()),
				"AuthorizationServerSettings must name the issuer (mcp.authorization-server.issuer)");
		McpAuthorizationServerSettings mcp = required(context, McpAuthorizationServerSettings.class);
		ProtectedResources protectedResources = required(context, ProtectedResources.class);
		RegisteredClientRepository clients = required(context, RegisteredClientRepository.class);
		OAuth2AuthorizationService authorizations = required(context, OAuth2AuthorizationService.class);
		TokenSettings tokenSettings = context.getBeanProvider(TokenSettings.class)
			.getIfAvailable(McpTokenSettings::defaults);
		ClientIdFetchPolicy wouldFetch = context.getBeanProvider(ClientIdFetchPolicy.class)
			.getIfAvailable(ClientIdFetchPolicy::strict);
		ClientIdMetadataDocumentFetcher fetcher = context.getBeanProvider(ClientIdMetadataDocumentFetcher.class)
			.getIfAvailable();
		GrantReplayDetection replayDetection = context.getBeanProvider(GrantReplayDetection.class).getIfAvailable();
		ClientSecretEncoder clientSecrets = new ClientSecretEncoder(
				context.getBeanProvider(ClientSecretPolicy.class).getIfAvailable(ClientSecretPolicy::defaults),
				context.getBeanProvider(PasswordEncoder.class)
					.getIfUnique(PasswordEncoderFactories::createDelegatingPasswordEncoder));

		http.oauth2AuthorizationServer((authorizationServer) -> {
			http.securityMatcher(authorizationServer.getEndpointsMatcher());
			authorizationServer
				.authorizationEndpoint(authorizationEndpoint(settings.getIssuer(), mcp, protectedResources))
				.clientAuthentication(publicClientRefresh(clients))
				.tokenEndpoint(resourceBinding(authorizations, protectedResources, replayDetection, mcp))
				.authorizationServerMetadataEndpoint((metadata) -> metadata
					.authorizationServerMetadataCustomizer(new AuthorizationServerMetadataCustomizer(mcp.scopes(),
							mcp.clientCredentials(),
							mcp.dpop().enabled() ? DPoPTokenRequestFilter.SIGNING_ALGORITHMS : List.of())));
			if (mcp.dynamicClientRegistration()) {
				authorizationServer.clientRegistrationEndpoint(openRegistration(mcp, tokenSettings));
			}
			// private_key_jwt: inline keys of clients from configuration are used as they are; jwks_uri keys (CIMD
			// clients, jwk-set-uri) come through the same hardened fetcher as documents
			authorizationServer.withObjectPostProcessor(usingKeysFrom(new ClientAssertionDecoderFactory(
					(fetcher != null) ? new HardenedClientAssertionDecoderFactory(fetcher)
							: new JwtClientAssertionDecoderFactory())));
			// client secrets only: never a PasswordEncoder bean, which user login would pick up
			ClientSecretProviders.apply(authorizationServer, clientSecrets);
			this.authorizationServer.customize(authorizationServer);
		});
		http.cors(Customizer.withDefaults());
		http.authorizeHttpRequests((authorize) -> authorize
			// open registration needs no initial access token (RFC 7591 §3)
			.requestMatchers(HttpMethod.POST, "/oauth2/register").permitAll()
			.anyRequest().authenticated())
			// only an unauthenticated browser at the authorization endpoint goes to the login form; a token
			// request without client authentication gets the framework's 401, never a login redirect
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint(this.loginPage),
					new AndRequestMatcher(
							PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint()),
							new MediaTypeRequestMatcher(MediaType.TEXT_HTML))));
		// AS-25: log in before a CIMD fetch. Added before OAuth2AuthorizationEndpointFilter is (both go before
		// AbstractPreAuthenticatedProcessingFilter), so it runs first.
		http.addFilterBefore(new AuthenticateBeforeFetchFilter(settings.getAuthorizationEndpoint(), wouldFetch,
				loginOrUnauthorized(this.loginPage)), AbstractPreAuthenticatedProcessingFilter.class);
		// a document fetch refused by the per-host limit answers 429, not 500
		http.addFilterBefore(new FetchRateLimitExceededFilter(), SecurityContextHolderFilter.class);
		// RFC 9449: algorithms, server nonces and htu normalisation before Spring verifies the proof (and before
		// client authentication, so a client learns the nonce it needs first)
		http.addFilterBefore(dpop(settings, mcp.dpop()), AbstractPreAuthenticatedProcessingFilter.class);
		if (mcp.dynamicClientRegistration()) {
			// media type, size and strict JSON types checked before the framework binds the request (its binding
			// errors would reach error_description as exception and parser messages)
			http.addFilterBefore(new RegistrationRequestFilter(PathPatternRequestMatcher.withDefaults()
				.matcher(HttpMethod.POST, settings.getClientRegistrationEndpoint()), this.registrationMaxRequestBytes),
					AbstractPreAuthenticatedProcessingFilter.class);
		}
	}

	private static <T> T required(ApplicationContext context, Class<T> type) {
		try {
			return context.getBean(type);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new IllegalStateException("The MCP authorization server needs a bean of type " + type.getName()
					+ " (the mcp-authorization-server auto-configuration declares one)", ex);
		}
	}

	/**
	 * Default scopes for scope-less requests; redirect URI, scope and RFC 8707 checks in that order (a bad
	 * redirect_uri is reported before anything is redirected); {@code iss} on every response.
	 */
	private Customizer<OAuth2AuthorizationEndpointConfigurer> authorizationEndpoint(String issuer,
			McpAuthorizationServerSettings mcp, ProtectedResources protectedResources) {
		AuthorizationResponseHandler responses = new AuthorizationResponseHandler(issuer);
		Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> consentRequired = this.authorizationConsentRequired;
		String consentPage = this.consentPage;
		return (authorization) -> {
			authorization
				.authorizationRequestConverters((converters) -> converters.replaceAll(
						(converter) -> (converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
								? new DefaultScopeAuthorizationRequestConverter(mcp.defaultScopes()) : converter))
				.authenticationProviders((providers) -> providers.forEach((provider) -> {
					if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
						codeRequests.setAuthenticationValidator(new RedirectUriValidator()
							.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
							.andThen(new ResourceIndicatorValidator(protectedResources)));
						if (consentRequired != null) {
							codeRequests.setAuthorizationConsentRequired(consentRequired);
						}
					}
				}))
				.authorizationResponseHandler(responses)
				.errorResponseHandler(responses);
			if (consentPage != null) {
				authorization.consentPage(consentPage);
			}
		};
	}

	private static DPoPTokenRequestFilter dpop(AuthorizationServerSettings settings,
			McpAuthorizationServerSettings.Dpop dpop) {
		DPoPNonces nonces = (dpop.enabled() && dpop.nonceRequired())
				? DPoPNonces.of(dpop.nonceSecret(), dpop.nonceLifetime()) : null;
		String tokenEndpoint = settings.getTokenEndpoint();
		return new DPoPTokenRequestFilter(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, tokenEndpoint),
				settings.getIssuer() + tokenEndpoint, dpop.enabled(), nonces);
	}

	/**
	 * Public clients refresh with their client_id only; their refresh tokens rotate (AS-09). A failed client
	 * authentication with HTTP Basic is answered with {@code WWW-Authenticate: Basic} (RFC 6749 §5.2).
	 */
	private static Customizer<OAuth2ClientAuthenticationConfigurer> publicClientRefresh(
			RegisteredClientRepository registeredClientRepository) {
		return (clientAuthentication) -> clientAuthentication
			.authenticationConverters(
					(converters) -> converters.add(0, new PublicClientRefreshAuthentication.Converter()))
			.authenticationProviders((providers) -> providers.add(0,
					new PublicClientRefreshAuthentication.Provider(registeredClientRepository)))
			.errorResponseHandler(new ClientAuthenticationFailureHandler());
	}

	/**
	 * The code and refresh grants only issue tokens for the resource bound to the grant (RFC 8707 §2.2), public
	 * clients' DPoP-bound refresh tokens only with a proof (RFC 9449 §5); with a {@link GrantReplayDetection} bean, a
	 * replayed code or rotated refresh token revokes the grant (outermost). The client credentials grant is offered
	 * when enabled, to confidential clients registered for it, with a known resource.
	 */
	private static Customizer<OAuth2TokenEndpointConfigurer> resourceBinding(
			OAuth2AuthorizationService authorizationService, ProtectedResources protectedResources,
			GrantReplayDetection replayDetection, McpAuthorizationServerSettings mcp) {
		return (token) -> token.authenticationProviders((providers) -> providers.replaceAll((provider) -> {
			if (provider instanceof OAuth2ClientCredentialsAuthenticationProvider) {
				return new ClientCredentialsGrantProvider(provider, mcp.clientCredentials(), protectedResources,
						mcp.defaultScopes());
			}
			boolean bindsResource = provider instanceof OAuth2AuthorizationCodeAuthenticationProvider
					|| provider instanceof OAuth2RefreshTokenAuthenticationProvider;
			if (!bindsResource) {
				return provider;
			}
			AuthenticationProvider inner = (provider instanceof OAuth2RefreshTokenAuthenticationProvider)
					? new DPoPBoundRefreshTokens(provider, authorizationService) : provider;
			AuthenticationProvider bound = new ResourceBindingAuthenticationProvider(inner, authorizationService,
					protectedResources);
			return (replayDetection != null) ? replayDetection.decorate(bound) : bound;
		}));
	}

	/** RFC 7591 open registration, public clients only (see {@code registration/}). */
	private static Customizer<OAuth2ClientRegistrationEndpointConfigurer> openRegistration(
			McpAuthorizationServerSettings mcp, TokenSettings tokenSettings) {
		return (registration) -> registration.openRegistrationAllowed(true)
			.authenticationProviders((providers) -> providers.forEach((provider) -> {
				if (provider instanceof OAuth2ClientRegistrationAuthenticationProvider registrations) {
					registrations.setAuthenticationValidator(new PublicClientRegistrationValidator(mcp.scopes()));
					registrations.setRegisteredClientConverter(
							new PublicClientRegistrationConverter(mcp.scopes(), tokenSettings));
				}
			}));
	}

	private static ObjectPostProcessor<JwtClientAssertionAuthenticationProvider> usingKeysFrom(
			ClientAssertionDecoderFactory assertionKeys) {
		return new ObjectPostProcessor<>() {
			@Override
			public <O extends JwtClientAssertionAuthenticationProvider> O postProcess(O provider) {
				provider.setJwtDecoderFactory(assertionKeys);
				return provider;
			}
		};
	}

	/** Browsers go to the login form, like the chain's own entry point; other callers get 401. */
	private static AuthenticationEntryPoint loginOrUnauthorized(String loginPage) {
		AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint(loginPage);
		AuthenticationEntryPoint unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
		RequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		return (request, response, ex) -> (browser.matches(request) ? login : unauthorized).commence(request, response,
				ex);
	}

}
