package dev.mcpauth.authserver.demo;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Demo profile only: requests to the authorization endpoint run as the fixed user {@code demo}, so the
 * authorization code flow completes headless (no login page). Nothing is stored in a session; the identity is set
 * for the current request only, and no other endpoint (token, registration) ever sees it.
 */
public final class DemoUserAuthenticationFilter extends OncePerRequestFilter {

	public static final String USERNAME = "demo";

	private final Authentication demoUser = UsernamePasswordAuthenticationToken.authenticated(
			User.withUsername(USERNAME).password("").authorities("ROLE_USER").build(), null,
			List.of(new SimpleGrantedAuthority("ROLE_USER")));

	private final String authorizationEndpoint;

	public DemoUserAuthenticationFilter(String authorizationEndpoint) {
		this.authorizationEndpoint = authorizationEndpoint;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().substring(request.getContextPath().length()).equals(this.authorizationEndpoint);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current == null || !current.isAuthenticated()) {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(this.demoUser);
			SecurityContextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}

}
