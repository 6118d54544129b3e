package dev.mcpauth.oauth2.server.resource.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.stream.Collectors;

import dev.mcpauth.oauth2.server.resource.McpResourceServerConfigurer;
import dev.mcpauth.oauth2.server.resource.challenge.BearerAccessDeniedHandler;
import dev.mcpauth.oauth2.server.resource.challenge.BearerAuthenticationEntryPoint;
import dev.mcpauth.oauth2.server.resource.challenge.BearerAuthenticationFailureHandler;
import dev.mcpauth.oauth2.server.resource.challenge.BearerChallenge;
import dev.mcpauth.oauth2.server.resource.challenge.QueryTokenRemovalFilter;
import dev.mcpauth.oauth2.server.resource.dpop.DpopProperties;
import dev.mcpauth.oauth2.server.resource.jsonrpc.JsonRpcErrorModule;
import dev.mcpauth.oauth2.server.resource.jwt.AccessTokenDecoders;
import dev.mcpauth.oauth2.server.resource.metadata.ProtectedResource;
import dev.mcpauth.oauth2.server.resource.metadata.ProtectedResourceMetadata;
import dev.mcpauth.oauth2.server.resource.scope.ToolScopes;
import dev.mcpauth.oauth2.server.resource.session.SessionBindings;
import dev.mcpauth.oauth2.server.resource.web.AllowedOrigins;
import dev.mcpauth.oauth2.server.resource.web.AuthorizedAsyncDispatch;
import dev.mcpauth.oauth2.server.resource.web.HeaderCharacters;
import dev.mcpauth.oauth2.server.resource.web.JsonErrorController;
import dev.mcpauth.oauth2.server.resource.web.UnprotectedEndpointGuard;
import jakarta.servlet.DispatcherType;
import io.modelcontextprotocol.server.McpSyncServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.mcp.server.common.autoconfigure.annotations.McpServerAnnotationScannerAutoConfiguration.ServerMcpAnnotatedBeans;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Everything {@link McpResourceServerConfigurer} reads, each replaceable by a bean of the same type, and the
 * default {@link SecurityFilterChain} applying it when the application declares none.
 *
 * <p>Runs before Spring Boot's resource server and web security auto-configurations, so that their
 * {@code JwtDecoder}, default chain and generated user back off (all conditional on the absence of these beans).
 * Tool scopes are read from the {@code @McpTool} beans once all singletons exist, so no order relative to Spring
 * AI's MCP server auto-configuration is needed.
 */
@AutoConfiguration(before = { OAuth2ResourceServerAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		ManagementWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
		UserDetailsServiceAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ BearerTokenAuthenticationToken.class, SecurityFilterChain.class, McpSyncServer.class,
		ServerMcpAnnotatedBeans.class })
@EnableConfigurationProperties({ McpResourceServerProperties.class, DpopProperties.class })
public final class McpResourceServerAutoConfiguration {

	private static final Log logger = LogFactory.getLog(McpResourceServerAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ProtectedResource protectedResource(McpResourceServerProperties properties,
			ObjectProvider<McpServerStreamableHttpProperties> http) {
		ProtectedResource resource = ProtectedResource.of(properties.resource());
		McpServerStreamableHttpProperties streamable = http.getIfAvailable();
		if (streamable != null && !URI.create(resource.resource()).getRawPath().equals(streamable.getMcpEndpoint())) {
			// Legitimate behind a proxy that rewrites paths; otherwise clients POST to a URL that is not served.
			logger.warn(McpResourceServerProperties.PREFIX + ".resource " + resource.resource()
					+ " does not end with the MCP endpoint path " + streamable.getMcpEndpoint()
					+ ": this is only right behind a path-rewriting proxy");
		}
		return resource;
	}

	@Bean
	@ConditionalOnMissingBean
	ProtectedResourceMetadata protectedResourceMetadata(McpResourceServerProperties properties,
			DpopProperties dpop) {
		return McpResourceServerConfigurer.defaultMetadata(properties, dpop);
	}

	@Bean
	@ConditionalOnMissingBean
	BearerChallenge bearerChallenge(ProtectedResource protectedResource, McpResourceServerProperties properties) {
		return new BearerChallenge(protectedResource, properties.baseScope());
	}

	@Bean
	@ConditionalOnMissingBean
	BearerAuthenticationEntryPoint bearerAuthenticationEntryPoint(BearerChallenge challenge) {
		return new BearerAuthenticationEntryPoint(challenge);
	}

	@Bean
	@ConditionalOnMissingBean
	BearerAccessDeniedHandler bearerAccessDeniedHandler(BearerChallenge challenge) {
		return new BearerAccessDeniedHandler(challenge);
	}

	@Bean
	@ConditionalOnMissingBean
	BearerAuthenticationFailureHandler bearerAuthenticationFailureHandler(BearerAuthenticationEntryPoint entryPoint) {
		return new BearerAuthenticationFailureHandler(entryPoint);
	}

	/**
	 * Issuer, audience, RS256, rate-limited JWKS refetch and the validated-token cache: on by default. The JWK set is
	 * fetched with the trust of the SSL bundle named by {@code jwk-set-ssl-bundle}, if any.
	 */
	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(McpResourceServerProperties properties, ObjectProvider<SslBundles> sslBundles) {
		return AccessTokenDecoders.create(properties, JwkSetTls.socketFactory(properties, sslBundles));
	}

	@Bean
	@ConditionalOnMissingBean
	ToolScopes toolScopes(ObjectProvider<ServerMcpAnnotatedBeans> annotatedBeans,
			ObjectProvider<McpSyncServer> server, McpResourceServerProperties properties) {
		return new ToolScopes(annotatedBeans.getIfAvailable(ServerMcpAnnotatedBeans::new), server,
				properties.baseScope());
	}

	/**
	 * Spring Security's {@code StrictHttpFirewall} with the same rules, its header and parameter name and header
	 * value checks as character loops instead of a regular expression per header read ({@link HeaderCharacters});
	 * {@code WebSecurity} takes the {@link HttpFirewall} bean. An application's own firewall bean wins.
	 * @return the firewall
	 */
	@Bean
	@ConditionalOnMissingBean(HttpFirewall.class)
	StrictHttpFirewall mcpResourceServerHttpFirewall() {
		return HeaderCharacters.strictHttpFirewall();
	}

	/**
	 * No Spring Security observations (a span or timer per filter, per authentication and per authorization, with a
	 * meter lookup for every filter's events): on a cheap MCP call they cost a fifth of the server's CPU
	 * (docs/performance.md). Requests stay observed by Spring's {@code http.server.requests}, and the library's own
	 * meters (challenges, step-ups, token validation) stay. An application that wants Spring Security's
	 * observations declares its own {@link SecurityObservationSettings} bean, e.g.
	 * {@code SecurityObservationSettings.withDefaults().build()}.
	 * @return the settings
	 */
	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings mcpResourceServerSecurityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@ConditionalOnMissingBean
	AllowedOrigins allowedOrigins(McpResourceServerProperties properties) {
		return new AllowedOrigins(properties.allowedOrigins(), properties.resource());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionBindings sessionBindings(McpResourceServerProperties properties) {
		return new SessionBindings(properties.sessionIdleTimeout(), Clock.systemUTC());
	}

	/** Runs before Spring Security's filter chain, which logs the query string. */
	@Bean
	@ConditionalOnMissingBean(name = "queryTokenRemovalFilter")
	FilterRegistrationBean<QueryTokenRemovalFilter> queryTokenRemovalFilter() {
		FilterRegistrationBean<QueryTokenRemovalFilter> registration = new FilterRegistrationBean<>(
				new QueryTokenRemovalFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Runs after Spring Security's filter: refuses MCP endpoint requests that no chain applied the MCP rules to
	 * (the default chain backs off as soon as the application declares a chain of its own).
	 */
	@Bean
	@ConditionalOnMissingBean(name = "unprotectedEndpointGuard")
	FilterRegistrationBean<UnprotectedEndpointGuard> unprotectedEndpointGuard(McpResourceServerProperties properties,
			ObjectProvider<McpServerStreamableHttpProperties> streamable,
			ObjectProvider<SecurityFilterProperties> securityFilter) {
		McpServerStreamableHttpProperties http = streamable.getIfAvailable();
		String endpoint = (http != null) ? http.getMcpEndpoint() : URI.create(properties.resource()).getRawPath();
		FilterRegistrationBean<UnprotectedEndpointGuard> registration = new FilterRegistrationBean<>(
				new UnprotectedEndpointGuard(endpoint));
		SecurityFilterProperties filter = securityFilter.getIfAvailable(SecurityFilterProperties::new);
		registration.setOrder(filter.getOrder() + 1);
		// the dispatches Spring Security's filter sees (spring.security.filter.dispatcher-types): switching the
		// security filter off on purpose switches the guard off with it
		registration.setDispatcherTypes(filter.getDispatcherTypes()
			.stream()
			.map((type) -> DispatcherType.valueOf(type.name()))
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(DispatcherType.class))));
		return registration;
	}

	/**
	 * No second pass through the security chain for the async dispatch that finishes a streamed answer to a request
	 * the MCP chain already authorized ({@link AuthorizedAsyncDispatch} says why that is safe). Spring Security logs
	 * a warning naming the matcher at start-up, as it does for every ignored request.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "mcpAuthorizedAsyncDispatch")
	WebSecurityCustomizer mcpAuthorizedAsyncDispatch() {
		return (web) -> web.ignoring().requestMatchers(new AuthorizedAsyncDispatch());
	}

	/** Picked up by Spring Boot's JSON mapper: the transport's {@code McpError} bodies become JSON-RPC errors. */
	@Bean
	@ConditionalOnMissingBean
	JsonRpcErrorModule jsonRpcErrorModule() {
		return new JsonRpcErrorModule();
	}

	/** JSON error bodies instead of Spring Boot's error page (no HTML, no stack trace). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ErrorController.class)
	static class JsonErrors {

		@Bean
		@ConditionalOnMissingBean(ErrorController.class)
		JsonErrorController jsonErrorController() {
			return new JsonErrorController();
		}

	}

	/** The chain Spring Boot would otherwise default to, with every MCP rule applied. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	static class DefaultMcpResourceServerChain {

		@Bean
		SecurityFilterChain mcpResourceServerSecurityFilterChain(HttpSecurity http) throws Exception {
			http.with(McpResourceServerConfigurer.mcpResourceServer(), Customizer.withDefaults());
			return http.build();
		}

	}

}
