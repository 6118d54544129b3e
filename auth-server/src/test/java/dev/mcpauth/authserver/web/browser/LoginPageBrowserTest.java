package dev.mcpauth.authserver.web.browser;

import dev.mcpauth.authserver.web.support.Browser;
import dev.mcpauth.authserver.web.support.UiServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The login page in a real Chromium: a wrong password, then the account's lock-out. */
class LoginPageBrowserTest extends UiServerTest {

	private Browser browser;

	@BeforeEach
	void startBrowser() {
		this.browser = Browser.start(1280, 800);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) { // null when the test was skipped for want of a browser
			this.browser.close();
		}
	}

	@Test
	void wrongPasswordIsExplainedAndTheAccountIsPausedAfterThreeFailures() {
		String user = newUser("henry");
		this.browser.open(baseUrl() + "/login");
		assertThat(this.browser.title()).isEqualTo("Sign in · MCP Authorization Server");
		assertThat(this.browser.find("label[for=username]").getText()).isEqualTo("Username");
		assertThat(this.browser.find("label[for=password]").getText()).isEqualTo("Password");
		this.browser.screenshot("login");

		this.browser.signIn(user, "not-the-password");
		this.browser.waitFor("#login-error");
		assertThat(this.browser.text("#login-error")).contains("The username or password is incorrect.")
			.contains("After 2 more failed attempts");
		assertThat(this.browser.find("#username").getAttribute("value")).isEqualTo(user);
		assertThat(this.browser.find("#username").getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(this.browser.find("#login-error").getAttribute("role")).isEqualTo("alert");
		this.browser.screenshot("login-error");

		this.browser.signIn(user, "still-wrong");
		this.browser.waitFor("#login-error");
		this.browser.signIn(user, "wrong-again");
		this.browser.waitFor("#login-paused");
		assertThat(this.browser.text("#login-paused")).contains("Too many failed sign-in attempts for this account.")
			.contains("Try again in about 10 minutes.");
		this.browser.screenshot("login-locked");

		this.browser.signIn(user, PASSWORD);
		this.browser.waitFor("#login-paused");
		assertThat(this.browser.url()).as("still on the login page").contains("/login");
	}

}
