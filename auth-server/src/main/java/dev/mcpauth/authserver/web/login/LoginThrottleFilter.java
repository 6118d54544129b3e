package dev.mcpauth.authserver.web.login;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the login form's processing: while the account or the client address is paused, the password is not
 * checked at all (a correct guess during the pause would otherwise reveal itself), and the user is told how long
 * to wait.
 */
public final class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginAttemptLimiter limiter;

	private final AuthenticationFailureHandler failureHandler;

	private final String loginPath;

	public LoginThrottleFilter(LoginAttemptLimiter limiter, AuthenticationFailureHandler failureHandler,
			String loginPath) {
		this.limiter = limiter;
		this.failureHandler = failureHandler;
		this.loginPath = loginPath;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod())
				|| !request.getRequestURI().substring(request.getContextPath().length()).equals(this.loginPath);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var pause = this.limiter.pause(request.getParameter("username"), request.getRemoteAddr());
		if (pause.isPresent()) {
			this.failureHandler.onAuthenticationFailure(request, response, new LoginPausedException(pause.get()));
			return;
		}
		chain.doFilter(request, response);
	}

}
