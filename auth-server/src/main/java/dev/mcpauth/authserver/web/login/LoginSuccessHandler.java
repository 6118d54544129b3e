package dev.mcpauth.authserver.web.login;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After a successful sign-in: clears the account's failure count, then continues where the user was going (the
 * authorization request that sent them here), or to the connected-clients page.
 */
public final class LoginSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

	private final LoginAttemptLimiter limiter;

	public LoginSuccessHandler(LoginAttemptLimiter limiter) {
		this.limiter = limiter;
		setDefaultTargetUrl("/account/clients");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		this.limiter.recordSuccess(authentication.getName());
		super.onAuthenticationSuccess(request, response, authentication);
	}

}
