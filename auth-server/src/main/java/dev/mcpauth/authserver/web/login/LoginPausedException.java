package dev.mcpauth.authserver.web.login;

import org.springframework.security.core.AuthenticationException;

/** Sign-in was not attempted: the account or the client address is paused by {@link LoginAttemptLimiter}. */
public final class LoginPausedException extends AuthenticationException {

	private final transient LoginAttemptLimiter.Pause pause;

	public LoginPausedException(LoginAttemptLimiter.Pause pause) {
		super("Sign-in paused after too many failed attempts");
		this.pause = pause;
	}

	public LoginAttemptLimiter.Pause pause() {
		return this.pause;
	}

}
