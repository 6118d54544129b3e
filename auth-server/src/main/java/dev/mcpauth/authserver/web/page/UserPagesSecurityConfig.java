package dev.mcpauth.authserver.web.page;

import dev.mcpauth.authserver.config.AuthorizationServerChainCustomizer;
import dev.mcpauth.authserver.web.error.AuthorizationErrorPages;
import dev.mcpauth.authserver.web.login.LoginAttemptLimiter;
import dev.mcpauth.authserver.web.login.LoginFailureHandler;
import dev.mcpauth.authserver.web.login.LoginSuccessHandler;
import dev.mcpauth.authserver.web.login.LoginThrottleFilter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

import dev.mcpauth.oauth2.server.authorization.web.AuthorizationResponseHandler;

/**
 * The chain of the pages a person sees: login, consent, connected clients, their stylesheet and the error page.
 * It sits between the authorization server's chain (endpoints only) and the default chain (everything else).
 *
 * <ul>
 * <li>Form login at {@code /login} with CSRF protection (Spring's default for this chain) and the brute-force
 * limit in front of it ({@link LoginThrottleFilter}).</li>
 * <li>{@code /oauth2/consent} and {@code /account/**} need a signed-in user.</li>
 * <li>Every response carries the headers of {@link PageSecurity}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UiProperties.class)
public class UserPagesSecurityConfig {

	/** The consent page the authorization endpoint redirects to (Spring Authorization Server's usual path). */
	public static final String CONSENT_PAGE = "/oauth2/consent";

	public static final String LOGIN_PAGE = "/login";

	@Bean
	@Order(0)
	SecurityFilterChain userPagesSecurityFilterChain(HttpSecurity http, LoginAttemptLimiter limiter,
			UiProperties properties) throws Exception {
		LoginFailureHandler failures = new LoginFailureHandler(limiter, properties.login());
		http.securityMatcher(LOGIN_PAGE, "/logout", CONSENT_PAGE, "/account/**", "/ui/**", "/error")
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(LOGIN_PAGE, "/ui/**", "/error").permitAll()
				.anyRequest().authenticated())
			.formLogin((login) -> login.loginPage(LOGIN_PAGE)
				.failureHandler(failures)
				.successHandler(new LoginSuccessHandler(limiter)))
			.logout((logout) -> logout.logoutSuccessUrl(LOGIN_PAGE + "?signed-out"))
			.addFilterBefore(new LoginThrottleFilter(limiter, failures, LOGIN_PAGE),
					UsernamePasswordAuthenticationFilter.class);
		PageSecurity.apply(http, PageSecurity.POLICY);
		return http.build();
	}

	/**
	 * The authorization endpoint's error page in this look; errors that can be redirected still go to the
	 * library's handler (with {@code state} and {@code iss}).
	 */
	@Bean
	AuthorizationErrorPages authorizationErrorPages(AuthorizationServerSettings settings, UiProperties properties) {
		return new AuthorizationErrorPages(new AuthorizationResponseHandler(settings.getIssuer()),
				properties.productName());
	}

	/** The authorization endpoint's own pages (the error page for an untrusted client) get the same headers. */
	@Bean
	AuthorizationServerChainCustomizer authorizationEndpointPageHeaders() {
		return (http) -> PageSecurity.apply(http, PageSecurity.ERROR_PAGE_POLICY);
	}

}
