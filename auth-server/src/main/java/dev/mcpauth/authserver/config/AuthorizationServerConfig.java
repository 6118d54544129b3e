package dev.mcpauth.authserver.config;

import dev.mcpauth.authserver.demo.DemoConfig.DemoMode;
import dev.mcpauth.authserver.web.error.AuthorizationErrorPages;
import dev.mcpauth.authserver.web.page.UserPagesSecurityConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

import static dev.mcpauth.oauth2.server.authorization.McpAuthorizationServerConfigurer.mcpAuthorizationServer;

/**
 * The OAuth 2.1 authorization server chain: Spring Authorization Server's endpoints with the MCP rules of the
 * mcp-authorization-server library ({@code mcp.authorization-server.*}). The demo profile adds its fixed user and
 * approves consent by itself.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfig {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, AuthorizationServerSettings settings,
			ObjectProvider<DemoMode> demoMode, ObjectProvider<AuthorizationServerChainCustomizer> chainCustomizers,
			AuthorizationErrorPages errorPages) throws Exception {
		DemoMode demo = demoMode.getIfAvailable();
		http.with(mcpAuthorizationServer(), (mcp) -> {
			// the user pages: the CIMD-aware consent page (web.consent; the demo never shows it, it approves by
			// itself) and the error page in the same look (web.error)
			mcp.consentPage(UserPagesSecurityConfig.CONSENT_PAGE)
				.authorizationServer((server) -> server
					.authorizationEndpoint((endpoint) -> endpoint.errorResponseHandler(errorPages)));
			if (demo != null) {
				mcp.authorizationConsentRequired((context) -> false);
			}
		});
		if (demo != null) {
			http.addFilterAfter(demo.userFilter(settings.getAuthorizationEndpoint()), SecurityContextHolderFilter.class);
		}
		for (AuthorizationServerChainCustomizer customizer : chainCustomizers.orderedStream().toList()) {
			customizer.customize(http);
		}
		return http.build();
	}

}
