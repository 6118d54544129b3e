package dev.mcpauth.authserver.web.login;

import java.io.Serializable;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * What the login page says after a failed or refused sign-in, kept in the session for exactly one rendering (the
 * failure is answered with a redirect, so reloading the page does not resubmit the password).
 *
 * @param paused whether sign-in is paused (the page then says so in an alert, not as a field error)
 * @param title the first sentence
 * @param detail what the user can do
 * @param username the submitted username, to fill the field again
 */
public record LoginMessage(boolean paused, String title, String detail, String username) implements Serializable {

	static final String ATTRIBUTE = LoginMessage.class.getName();

	/** Remaining attempts are announced once this few are left. */
	private static final long WARN_BELOW = 3;

	static LoginMessage badCredentials(long attemptsLeft, int maxFailures) {
		String detail = "Check both and try again.";
		if (attemptsLeft <= WARN_BELOW && attemptsLeft < maxFailures) {
			detail = (attemptsLeft == 0) ? "Sign-in for this account is now paused for a while."
					: "After " + attemptsLeft + " more failed " + ((attemptsLeft == 1) ? "attempt" : "attempts")
							+ ", sign-in for this account will be paused for a while.";
		}
		return new LoginMessage(false, "The username or password is incorrect.", detail, null);
	}

	static LoginMessage paused(LoginAttemptLimiter.Pause pause) {
		String title = (pause.scope() == LoginAttemptLimiter.Scope.ACCOUNT)
				? "Too many failed sign-in attempts for this account."
				: "Too many failed sign-in attempts from your network address.";
		return new LoginMessage(true, title,
				"For your security, sign-in is paused. Try again in " + describe(pause.retryAfter()) + ".", null);
	}

	static String describe(Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		if (seconds < 60) {
			return seconds + ((seconds == 1) ? " second" : " seconds");
		}
		long minutes = (seconds + 59) / 60;
		return "about " + minutes + ((minutes == 1) ? " minute" : " minutes");
	}

	void keep(HttpServletRequest request, String submittedUsername) {
		request.getSession().setAttribute(ATTRIBUTE,
				new LoginMessage(this.paused, this.title, this.detail, submittedUsername));
	}

	/** The message kept for this rendering, removed from the session. */
	static LoginMessage take(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		Object message = session.getAttribute(ATTRIBUTE);
		session.removeAttribute(ATTRIBUTE);
		return (message instanceof LoginMessage loginMessage) ? loginMessage : null;
	}

}
