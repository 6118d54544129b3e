package dev.mcpauth.oauth2.server.resource;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.mcpauth.oauth2.server.resource.autoconfigure.JwkSetTls;
import dev.mcpauth.oauth2.server.resource.autoconfigure.McpResourceServerProperties;
import dev.mcpauth.oauth2.server.resource.challenge.BearerAccessDeniedHandler;
import dev.mcpauth.oauth2.server.resource.challenge.BearerAuthenticationEntryPoint;
import dev.mcpauth.oauth2.server.resource.challenge.BearerAuthenticationFailureHandler;
import dev.mcpauth.oauth2.server.resource.challenge.BearerChallenge;
import dev.mcpauth.oauth2.server.resource.challenge.StrictBearerTokenResolver;
import dev.mcpauth.oauth2.server.resource.dpop.DpopAuthenticationEntryPoint;
import dev.mcpauth.oauth2.server.resource.dpop.DpopAuthenticationFilter;
import dev.mcpauth.oauth2.server.resource.dpop.DpopCredentialsRestoringFilter;
import dev.mcpauth.oauth2.server.resource.dpop.DpopProperties;
import dev.mcpauth.oauth2.server.resource.dpop.DpopResourceServer;
import dev.mcpauth.oauth2.server.resource.jsonrpc.JsonRpcRequestFilter;
import dev.mcpauth.oauth2.server.resource.jwt.AccessTokenDecoders;
import dev.mcpauth.oauth2.server.resource.metrics.ChallengeMetricsFilter;
import dev.mcpauth.oauth2.server.resource.metrics.ResourceServerMetrics;
import dev.mcpauth.oauth2.server.resource.metrics.StepUpTracker;
import dev.mcpauth.oauth2.server.resource.metadata.ProtectedResource;
import dev.mcpauth.oauth2.server.resource.metadata.ProtectedResourceMetadata;
import dev.mcpauth.oauth2.server.resource.metadata.ProtectedResourceMetadataFilter;
import dev.mcpauth.oauth2.server.resource.scope.ToolScopeAuthorizationManager;
import dev.mcpauth.oauth2.server.resource.scope.ToolScopes;
import dev.mcpauth.oauth2.server.resource.session.SessionBindingFilter;
import dev.mcpauth.oauth2.server.resource.session.SessionBindings;
import dev.mcpauth.oauth2.server.resource.web.AllowedOrigins;
import dev.mcpauth.oauth2.server.resource.web.ApiResponseHeadersFilter;
import dev.mcpauth.oauth2.server.resource.web.OriginValidationFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Protects a Spring AI MCP server (Streamable HTTP) as an OAuth 2.1 resource server per MCP Authorization
 * 2025-11-25, in one call on the user's chain:
 *
 * <pre>
 * http.with(McpResourceServerConfigurer.mcpResourceServer(), (mcp) -&gt; mcp
 *     .allowedOrigins("https://app.example.com"));
 * </pre>
 *
 * The rules, in the order a request meets them:
 * <ol>
 * <li>protected resource metadata, public, answered before anything else (RS-06);</li>
 * <li>{@code Origin} check on the MCP endpoint (403, no challenge), then CORS for browser clients;</li>
 * <li>bearer token from the {@code Authorization} header only, validated as a JWT (issuer, audience, RS256); a
 * DPoP-bound token only with the {@code DPoP} scheme and a valid proof ({@link DpopProperties}, RFC 9449);</li>
 * <li>the JSON-RPC body of an authenticated POST is buffered and parsed;</li>
 * <li>authorization: the MCP endpoint needs the base scope plus each called tool's {@link RequiredScope}; other
 * requests are denied unless {@link #otherRequests(Customizer)} says otherwise;</li>
 * <li>the MCP session named in {@code Mcp-Session-Id} must belong to the caller.</li>
 * </ol>
 *
 * The pieces come from the application context (the auto-configuration defines each one, replaceable with a bean
 * of the same type): {@link McpResourceServerProperties} and {@link ToolScopes} are required; the
 * {@link JwtDecoder}, {@link ProtectedResourceMetadata}, challenges, {@link AllowedOrigins} and
 * {@link SessionBindings} are built from the properties when no bean is present. The configurer owns
 * {@code authorizeHttpRequests}, CSRF (off: bearer tokens only), session management (off: stateless), the security context
 * repository (a request attribute, never the HTTP session), the request cache, logout and the servlet API
 * integration (off) and the response headers ({@link ApiResponseHeadersFilter}) of its chain.
 */
public final class McpResourceServerConfigurer
		extends AbstractHttpConfigurer<McpResourceServerConfigurer, HttpSecurity> {

	private JwtDecoder jwtDecoder;

	private String mcpEndpoint;

	private final List<String> extraAllowedOrigins = new ArrayList<>();

	private Customizer<ProtectedResourceMetadata.Builder> metadataCustomizer = Customizer.withDefaults();

	private Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> otherRequests = (
			authorize) -> authorize.anyRequest().denyAll();

	private RequestMatcher endpoint;

	private ProtectedResourceMetadataFilter metadataFilter;

	private AllowedOrigins origins;

	private SessionBindings sessions;

	private McpResourceServerProperties properties;

	private DpopAuthenticationFilter dpopFilter;

	private StepUpTracker stepUps;

	private McpResourceServerConfigurer() {
	}

	/**
	 * The configurer, for {@code http.with(mcpResourceServer(), (mcp) -> ...)}.
	 * @return a new configurer with the defaults
	 */
	public static McpResourceServerConfigurer mcpResourceServer() {
		return new McpResourceServerConfigurer();
	}

	/**
	 * Validates tokens with this decoder instead of the {@link JwtDecoder} bean (or the one built from the
	 * properties). It must check the issuer and the audience itself.
	 * @param jwtDecoder the decoder
	 * @return this configurer
	 */
	public McpResourceServerConfigurer jwtDecoder(JwtDecoder jwtDecoder) {
		Assert.notNull(jwtDecoder, "jwtDecoder cannot be null");
		this.jwtDecoder = jwtDecoder;
		return this;
	}

	/**
	 * The local path of the MCP endpoint; defaults to {@code spring.ai.mcp.server.streamable-http.mcp-endpoint}, or
	 * to the path of the resource URI without Spring AI's properties.
	 * @param path the path, e.g. {@code /mcp}
	 * @return this configurer
	 */
	public McpResourceServerConfigurer mcpEndpoint(String path) {
		Assert.hasText(path, "path cannot be empty");
		this.mcpEndpoint = path;
		return this;
	}

	/**
	 * Browser origins allowed on the MCP endpoint in addition to {@code mcp.resource-server.allowed-origins} (or its
	 * defaults).
	 * @param origins serialized origins, e.g. {@code https://app.example.com}
	 * @return this configurer
	 */
	public McpResourceServerConfigurer allowedOrigins(String... origins) {
		this.extraAllowedOrigins.addAll(List.of(origins));
		return this;
	}

	/**
	 * Changes the protected resource metadata document (the {@code resource} itself stays fixed).
	 * @param customizer receives a builder holding the configured document
	 * @return this configurer
	 */
	public McpResourceServerConfigurer protectedResourceMetadata(
			Customizer<ProtectedResourceMetadata.Builder> customizer) {
		Assert.notNull(customizer, "customizer cannot be null");
		this.metadataCustomizer = customizer;
		return this;
	}

	/**
	 * The rules for requests other than the MCP endpoint and its metadata, applied after the configurer's own; the
	 * default denies them all (with the 401 challenge for anonymous callers). Use this rather than a second
	 * {@code authorizeHttpRequests} call, which could not add rules after {@code anyRequest()}.
	 * @param otherRequests e.g. {@code (authorize) -> authorize.requestMatchers("/health").permitAll()
	 * .anyRequest().denyAll()}
	 * @return this configurer
	 */
	public McpResourceServerConfigurer otherRequests(
			Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> otherRequests) {
		Assert.notNull(otherRequests, "otherRequests cannot be null");
		this.otherRequests = otherRequests;
		return this;
	}

	@Override
	public void init(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		Assert.state(context != null, "McpResourceServerConfigurer needs the ApplicationContext");
		this.properties = context.getBean(McpResourceServerProperties.class);
		McpResourceServerProperties properties = this.properties;
		ToolScopes toolScopes = context.getBean(ToolScopes.class);
		ProtectedResource protectedResource = bean(context, ProtectedResource.class,
				() -> ProtectedResource.of(properties.resource()));
		DpopProperties dpopProperties = bean(context, DpopProperties.class, DpopProperties::defaults);
		DpopResourceServer dpop = new DpopResourceServer(dpopProperties, protectedResource, properties.baseScope(),
				properties.clockSkew());
		ProtectedResourceMetadata.Builder builder = bean(context, ProtectedResourceMetadata.class,
				() -> defaultMetadata(properties, dpopProperties)).mutate();
		this.metadataCustomizer.customize(builder);
		this.metadataFilter = new ProtectedResourceMetadataFilter(protectedResource, builder.build());
		BearerChallenge challenge = bean(context, BearerChallenge.class,
				() -> new BearerChallenge(protectedResource, properties.baseScope()));
		BearerAuthenticationEntryPoint entryPoint = dpop.entryPoint(bean(context,
				BearerAuthenticationEntryPoint.class, () -> new BearerAuthenticationEntryPoint(challenge)));
		AccessDeniedHandler accessDeniedHandler = dpop.accessDeniedHandler(bean(context,
				BearerAccessDeniedHandler.class, () -> new BearerAccessDeniedHandler(challenge)));
		BearerAuthenticationFailureHandler failureHandler = failureHandler(context, entryPoint);
		JwtDecoder decoder = (this.jwtDecoder != null) ? this.jwtDecoder
				: bean(context, JwtDecoder.class, () -> AccessTokenDecoders.create(properties,
						JwkSetTls.socketFactory(properties, context.getBeanProvider(SslBundles.class))));
		this.origins = bean(context, AllowedOrigins.class,
				() -> new AllowedOrigins(properties.allowedOrigins(), properties.resource()))
			.and(this.extraAllowedOrigins);
		this.sessions = bean(context, SessionBindings.class,
				() -> new SessionBindings(properties.sessionIdleTimeout(), Clock.systemUTC()));
		this.endpoint = PathPatternRequestMatcher.withDefaults().matcher(endpointPath(context, properties));
		RequestMatcher mcp = this.endpoint;
		// as oauth2ResourceServer().jwt() would: the application's JwtAuthenticationConverter bean, if any
		JwtAuthenticationConverter authentication = bean(context, JwtAuthenticationConverter.class,
				JwtAuthenticationConverter::new);
		this.stepUps = stepUpTracker(context);
		// the step-up counter sees every accepted token, Bearer or DPoP, as it becomes the caller's Authentication
		Converter<Jwt, ? extends AbstractAuthenticationToken> bearerAuthentication = (this.stepUps != null)
				? this.stepUps.observing(dpop.bearerConverter(authentication)) : dpop.bearerConverter(authentication);
		Converter<Jwt, ? extends AbstractAuthenticationToken> dpopAuthentication = (this.stepUps != null)
				? this.stepUps.observing(authentication) : authentication;
		this.dpopFilter = dpop.authenticationFilter(decoder, dpopAuthentication, properties.resource(), mcp,
				entryPoint, failureHandler);
		// @formatter:off
		http
			// Bearer tokens only and no cookies: CSRF cannot apply, and a tokenless POST must meet the 401 challenge.
			.csrf((csrf) -> csrf.disable())
			// Stateless: no session is read or created. The context lives in a request attribute (written by the
			// bearer and DPoP filters), which also carries it to the async dispatch of a streamed answer; that is
			// the only repository needed. Session management is off rather than STATELESS: a policy set from this
			// init comes after the session management configurer's own init, which has already chosen the
			// HttpSession-backed repository; its filter then tried to save every token's context in a session
			// (skipped only because the JWT token is @Transient). With no session, that filter has nothing to do.
			.sessionManagement((session) -> session.disable())
			.securityContext((securityContext) -> securityContext
				.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache((cache) -> cache.disable())
			// No logout: there is no session or remember-me cookie to end, and a bearer token is revoked at the
			// authorization server. Its filter matched every request against POST /logout, and such a request
			// without a token got a 302 to /login?logout instead of the 401 challenge.
			.logout((logout) -> logout.disable())
			// No servlet API wrapper (getUserPrincipal, isUserInRole, login, logout on the request): the MCP
			// transport and the library read the caller from the security context (Caller), never from the request.
			.servletApi((servletApi) -> servletApi.disable())
			// The same headers, written once up front by ApiResponseHeadersFilter instead of a response wrapper.
			.headers((headers) -> headers.disable())
			.cors((cors) -> cors.configurationSource(corsConfiguration(mcp, this.origins)))
			.authorizeHttpRequests((authorize) -> {
				authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
					// RS-11, RS-12: every MCP request is authenticated and scope-checked, tool by tool.
					.requestMatchers(mcp).access(new ToolScopeAuthorizationManager(toolScopes));
				this.otherRequests.customize(authorize);
			})
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.bearerTokenResolver(new StrictBearerTokenResolver())
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler)
				.withObjectPostProcessor(withFailureHandler(failureHandler))
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(bearerAuthentication)))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler));
		// @formatter:on
	}

	@Override
	public void configure(HttpSecurity http) {
		// @formatter:off
		http
			// Ahead of the request-derived metadata filter that oauth2ResourceServer() always installs, and of the
			// header filter (it writes its own caching; the security headers through ApiResponseHeadersFilter).
			.addFilterBefore(this.metadataFilter, HeaderWriterFilter.class)
			.addFilterAt(new ApiResponseHeadersFilter(), HeaderWriterFilter.class)
			.addFilterBefore(new OriginValidationFilter(this.endpoint, this.origins), CorsFilter.class)
			// RFC 9449: the DPoP scheme is handled here; the credentials are hidden from the Bearer filter and from
			// Spring Security's own DPoP filter, and handed back after them
			.addFilterBefore(this.dpopFilter, BearerTokenAuthenticationFilter.class)
			.addFilterAfter(new DpopCredentialsRestoringFilter(), AuthenticationFilter.class)
			.addFilterBefore(new JsonRpcRequestFilter(this.endpoint, this.properties.maxRequestSize().toBytes()),
					AuthorizationFilter.class)
			.addFilterAfter(new SessionBindingFilter(this.endpoint, this.sessions), AuthorizationFilter.class);
		// @formatter:on
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		ResourceServerMetrics metrics = context.getBeanProvider(ResourceServerMetrics.class).getIfAvailable();
		if (metrics != null && this.stepUps != null) {
			// first in the chain, so it reads every challenge the chain wrote (entry point, handlers)
			http.addFilterBefore(new ChallengeMetricsFilter(metrics, this.stepUps), SecurityContextHolderFilter.class);
		}
	}

	/**
	 * The document the properties describe: the resource, the one issuer, the base scope only, header tokens only.
	 * @param properties the configuration
	 * @return the metadata
	 */
	public static ProtectedResourceMetadata defaultMetadata(McpResourceServerProperties properties) {
		return new ProtectedResourceMetadata(properties.resource(), List.of(properties.issuer()),
				List.of(properties.baseScope()), List.of("header"), properties.resourceName());
	}

	/**
	 * As {@link #defaultMetadata(McpResourceServerProperties)}, with the DPoP parameters of RFC 9728 section 2.
	 * @param properties the configuration
	 * @param dpop the DPoP configuration
	 * @return the metadata
	 */
	public static ProtectedResourceMetadata defaultMetadata(McpResourceServerProperties properties,
			DpopProperties dpop) {
		ProtectedResourceMetadata.Builder builder = defaultMetadata(properties).mutate();
		DpopResourceServer.describe(dpop, builder);
		return builder.build();
	}

	private String endpointPath(ApplicationContext context, McpResourceServerProperties properties) {
		if (this.mcpEndpoint != null) {
			return this.mcpEndpoint;
		}
		ObjectProvider<McpServerStreamableHttpProperties> http = context
			.getBeanProvider(McpServerStreamableHttpProperties.class);
		McpServerStreamableHttpProperties streamable = http.getIfAvailable();
		if (streamable != null) {
			return streamable.getMcpEndpoint();
		}
		String path = URI.create(properties.resource()).getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	private static BearerAuthenticationFailureHandler failureHandler(ApplicationContext context,
			BearerAuthenticationEntryPoint entryPoint) {
		BearerAuthenticationFailureHandler failureHandler = bean(context, BearerAuthenticationFailureHandler.class,
				() -> new BearerAuthenticationFailureHandler(entryPoint));
		if (entryPoint instanceof DpopAuthenticationEntryPoint
				&& failureHandler.getClass() == BearerAuthenticationFailureHandler.class) {
			// the default handler bean holds the plain Bearer entry point: refused tokens must get the DPoP challenges
			return new BearerAuthenticationFailureHandler(entryPoint);
		}
		return failureHandler;
	}

	/** The step-up counter, when the metrics are on (both beans present), else {@code null}. */
	private static StepUpTracker stepUpTracker(ApplicationContext context) {
		ResourceServerMetrics metrics = context.getBeanProvider(ResourceServerMetrics.class).getIfAvailable();
		return (metrics != null) ? context.getBeanProvider(StepUpTracker.class).getIfAvailable() : null;
	}

	private static <T> T bean(ApplicationContext context, Class<T> type, Supplier<T> fallback) {
		return context.getBeanProvider(type).getIfAvailable(fallback);
	}

	/** The DSL has no setter for the bearer filter's failure handler; this sets it as the filter is built. */
	private static ObjectPostProcessor<BearerTokenAuthenticationFilter> withFailureHandler(
			BearerAuthenticationFailureHandler failureHandler) {
		return new ObjectPostProcessor<>() {
			@Override
			public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
				filter.setAuthenticationFailureHandler(failureHandler);
				return filter;
			}
		};
	}

	/**
	 * CORS for browser-based MCP clients on the MCP endpoint: only origins that pass the {@code Origin} check, with
	 * the headers a client needs to send and read.
	 */
	private static CorsConfigurationSource corsConfiguration(RequestMatcher mcpEndpoint, AllowedOrigins origins) {
		return (request) -> {
			String origin = request.getHeader(HttpHeaders.ORIGIN);
			if (!mcpEndpoint.matches(request) || origin == null || !origins.isAllowed(origin)) {
				return null;
			}
			CorsConfiguration endpoint = new CorsConfiguration();
			endpoint.setAllowedOrigins(List.of(origin));
			endpoint.setAllowedMethods(List.of("GET", "POST", "DELETE"));
			endpoint.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
					SessionBindingFilter.MCP_SESSION_ID, "MCP-Protocol-Version", "Last-Event-ID",
					DpopAuthenticationFilter.DPOP_HEADER));
			endpoint.setExposedHeaders(List.of(SessionBindingFilter.MCP_SESSION_ID, HttpHeaders.WWW_AUTHENTICATE,
					DpopAuthenticationEntryPoint.DPOP_NONCE));
			return endpoint;
		};
	}

}
