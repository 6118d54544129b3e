package dev.mcpauth.authserver.web.login;

import dev.mcpauth.authserver.web.support.PageClient;
import dev.mcpauth.authserver.web.support.PageClient.Response;
import dev.mcpauth.authserver.web.support.UiServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form's brute-force limit over real HTTP: 3 failures per account and 15 per client address (this
 * test server's settings), each refilling over 30 minutes.
 */
class LoginLimitTest extends UiServerTest {

	@Test
	void accountIsPausedAfterTooManyFailuresEvenForTheRightPassword() {
		String user = newUser("carol");
		PageClient browser = new PageClient(this.port);

		assertThat(browser.login(user, "wrong-1").location()).endsWith("/login?error");
		assertThat(browser.get("/login?error").body()).contains("The username or password is incorrect.")
			.contains("After 2 more failed attempts");
		browser.login(user, "wrong-2");
		browser.login(user, "wrong-3");
		assertThat(browser.get("/login?error").body())
			.contains("Too many failed sign-in attempts for this account.")
			.contains("Try again in about 10 minutes.");

		Response right = browser.login(user, PASSWORD);
		assertThat(right.location()).as("the password is not even checked").endsWith("/login?error");
		assertThat(browser.get("/login?error").body()).contains("id=\"login-paused\"");

		Response otherAccount = new PageClient(this.port).login("alice", PASSWORD);
		assertThat(otherAccount.location()).as("other accounts from the same address").doesNotContain("/login");
	}

	@Test
	void addressIsPausedAfterTooManyFailuresAcrossAccounts() {
		PageClient attacker = new PageClient(this.port, "127.0.0.2");
		for (int i = 0; i < 15; i++) {
			attacker.login("guess-" + i + "-" + System.nanoTime(), "wrong");
		}
		Response next = attacker.login("alice", PASSWORD);

		assertThat(next.location()).endsWith("/login?error");
		assertThat(attacker.get("/login?error").body())
			.contains("Too many failed sign-in attempts from your network address.");
		assertThat(new PageClient(this.port).login("alice", PASSWORD).location())
			.as("another address is not affected").doesNotContain("/login");
	}

	@Test
	void successfulSignInClearsTheAccountsFailures() {
		String user = newUser("dora");
		PageClient browser = new PageClient(this.port);
		browser.login(user, "wrong-1");
		browser.login(user, "wrong-2");
		assertThat(browser.login(user, PASSWORD).location()).doesNotContain("/login");

		PageClient again = new PageClient(this.port);
		again.login(user, "wrong-3");
		again.login(user, "wrong-4");
		assertThat(again.get("/login?error").body()).doesNotContain("Too many failed")
			.contains("After 1 more failed attempt,");
	}

}
