package dev.mcpauth.authserver.config;

import dev.mcpauth.authserver.web.page.PageSecurity;

import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything outside the authorization server endpoints and the user pages (login, consent, connected clients:
 * {@code web.page.UserPagesSecurityConfig}). Other paths are not protected and simply answer 404 (never a login
 * redirect).
 */
@Configuration(proxyBeanMethods = false)
public class DefaultSecurityConfig {

	@Bean
	SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			// answers CORS preflights for the authorization server endpoints (they match only GET/POST there)
			.cors(Customizer.withDefaults());
		// its 404s render the error page: same headers as the other pages
		PageSecurity.apply(http, PageSecurity.POLICY);
		return http.build();
	}

	/**
	 * The login user outside the demo profile, from {@code spring.security.user.name} and
	 * {@code spring.security.user.password} (the password's default is random and never logged). A real
	 * deployment replaces this bean with its user store.
	 */
	@Bean
	UserDetailsService userDetailsService(SecurityProperties securityProperties) {
		SecurityProperties.User user = securityProperties.getUser();
		return new InMemoryUserDetailsManager(User.withUsername(user.getName())
			.password(user.getPassword().startsWith("{") ? user.getPassword() : "{noop}" + user.getPassword())
			.roles("USER")
			.build());
	}

}
