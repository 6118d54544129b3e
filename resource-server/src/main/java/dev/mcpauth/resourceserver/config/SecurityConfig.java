package dev.mcpauth.resourceserver.config;

import java.util.List;

import dev.mcpauth.resourceserver.challenge.BearerAccessDeniedHandler;
import dev.mcpauth.resourceserver.challenge.BearerAuthenticationEntryPoint;
import dev.mcpauth.resourceserver.challenge.BearerAuthenticationFailureHandler;
import dev.mcpauth.resourceserver.challenge.StrictBearerTokenResolver;
import dev.mcpauth.resourceserver.jsonrpc.JsonRpcRequestFilter;
import dev.mcpauth.resourceserver.metadata.ProtectedResourceMetadataFilter;
import dev.mcpauth.resourceserver.scope.ToolScopeAuthorizationManager;
import dev.mcpauth.resourceserver.scope.ToolScopes;
import dev.mcpauth.resourceserver.session.SessionBindingFilter;
import dev.mcpauth.resourceserver.session.SessionBindings;
import dev.mcpauth.resourceserver.web.AllowedOrigins;
import dev.mcpauth.resourceserver.web.OriginValidationFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The access rules of the resource server, in the order a request meets them:
 * <ol>
 * <li>protected resource metadata, public, answered before anything else (RS-06);</li>
 * <li>{@code Origin} check on the MCP endpoint (403, no challenge), then CORS for browser clients;</li>
 * <li>bearer token from the {@code Authorization} header only, validated as a JWT;</li>
 * <li>the JSON-RPC body of an authenticated POST is buffered and parsed;</li>
 * <li>authorization: the MCP endpoint needs the base scope plus each called tool's scope, everything else is
 * denied;</li>
 * <li>the MCP session named in {@code Mcp-Session-Id} must belong to the caller.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

	@Bean
	SecurityFilterChain mcpResourceServer(HttpSecurity http, McpServerStreamableHttpProperties mcp,
			ResourceServerProperties properties, ToolScopes toolScopes, AllowedOrigins origins,
			SessionBindings sessions, BearerAuthenticationEntryPoint entryPoint,
			BearerAccessDeniedHandler accessDeniedHandler, BearerAuthenticationFailureHandler failureHandler,
			ProtectedResourceMetadataFilter metadataFilter) throws Exception {
		RequestMatcher mcpEndpoint = PathPatternRequestMatcher.withDefaults().matcher(mcp.getMcpEndpoint());
		// @formatter:off
		http
			// Bearer tokens only and no cookies: CSRF cannot apply, and a tokenless POST must meet the 401 challenge.
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.cors((cors) -> cors.configurationSource(corsConfiguration(mcpEndpoint, origins)))
			.authorizeHttpRequests((authorize) -> authorize
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				// RS-11, RS-12: every MCP request is authenticated and scope-checked, tool by tool.
				.requestMatchers(mcpEndpoint).access(new ToolScopeAuthorizationManager(toolScopes))
				.anyRequest().denyAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.bearerTokenResolver(new StrictBearerTokenResolver())
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler)
				.withObjectPostProcessor(withFailureHandler(failureHandler))
				.jwt(Customizer.withDefaults()))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler))
			// Ahead of the request-derived metadata filter that oauth2ResourceServer() always installs.
			.addFilterBefore(metadataFilter, CorsFilter.class)
			.addFilterBefore(new OriginValidationFilter(mcpEndpoint, origins), CorsFilter.class)
			.addFilterBefore(new JsonRpcRequestFilter(mcpEndpoint, properties.maxRequestSize().toBytes()),
					AuthorizationFilter.class)
			.addFilterAfter(new SessionBindingFilter(mcpEndpoint, sessions), AuthorizationFilter.class);
		// @formatter:on
		return http.build();
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
					SessionBindingFilter.MCP_SESSION_ID, "MCP-Protocol-Version", "Last-Event-ID"));
			endpoint.setExposedHeaders(List.of(SessionBindingFilter.MCP_SESSION_ID, HttpHeaders.WWW_AUTHENTICATE));
			return endpoint;
		};
	}

}
