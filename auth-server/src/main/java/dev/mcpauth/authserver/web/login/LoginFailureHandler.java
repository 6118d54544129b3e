package dev.mcpauth.authserver.web.login;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mcpauth.authserver.web.page.UiProperties;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * After a failed or refused sign-in: counts the failure against the limits (a refusal because of a pause is not
 * counted again), keeps the message for the next rendering of the login page, and sends the browser back to it.
 * The message never says whether the username exists.
 */
public final class LoginFailureHandler implements AuthenticationFailureHandler {

	private final LoginAttemptLimiter limiter;

	private final UiProperties.Login settings;

	public LoginFailureHandler(LoginAttemptLimiter limiter, UiProperties.Login settings) {
		this.limiter = limiter;
		this.settings = settings;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String username = request.getParameter("username");
		LoginMessage message;
		if (exception instanceof LoginPausedException paused) {
			message = LoginMessage.paused(paused.pause());
		}
		else {
			long left = this.limiter.recordFailure(username, request.getRemoteAddr());
			message = this.limiter.pause(username, request.getRemoteAddr())
				.map(LoginMessage::paused)
				.orElseGet(() -> LoginMessage.badCredentials(left, this.settings.maxFailuresPerAccount()));
		}
		message.keep(request, username);
		response.sendRedirect(request.getContextPath() + "/login?error");
	}

}
