package dev.mcpauth.benchmarks.oauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BrowserSessionTest {

	@Test
	void keepsTheCookiesOfJoinedSetCookieFieldsAndDropsExpiredOnes() {
		BrowserSession session = new BrowserSession();
		// HttpConnection joins repeated fields with ", "; an Expires date has a comma of its own
		session.accept("AUTH_SESSION_ID=abc.node; Version=1; Path=/realms/r/; SameSite=None; Secure; HttpOnly, "
				+ "KC_RESTART=; Version=1; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Max-Age=0; Path=/realms/r/, "
				+ "KEYCLOAK_IDENTITY=eyJ.x.y; Version=1; Path=/realms/r/; HttpOnly, KEYCLOAK_SESSION=r/u/s; Max-Age=36000");

		assertThat(session.headers()).containsEntry("Cookie",
				"AUTH_SESSION_ID=abc.node; KEYCLOAK_IDENTITY=eyJ.x.y; KEYCLOAK_SESSION=r/u/s");

		session.accept("KEYCLOAK_SESSION=; Max-Age=0");
		assertThat(session.headers()).containsEntry("Cookie", "AUTH_SESSION_ID=abc.node; KEYCLOAK_IDENTITY=eyJ.x.y");
		assertThat(session.toString()).doesNotContain("eyJ");
	}

	@Test
	void noCookiesNoHeader() {
		BrowserSession session = new BrowserSession();
		session.accept(null);
		assertThat(session.headers()).isEmpty();
	}

	@Test
	void findsTheLoginFormActionAndDecodesItsEntities() throws Exception {
		String html = "<html><form id=\"kc-form-login\" onsubmit=\"login.disabled = true; return true;\" "
				+ "action=\"http://localhost:1/realms/r/login-actions/authenticate?session_code=s&amp;execution=e"
				+ "&amp;client_id=c&amp;tab_id=t\" method=\"post\"><input name=\"username\"></form></html>";

		assertThat(BrowserSession.loginFormAction(html)).isEqualTo(
				"http://localhost:1/realms/r/login-actions/authenticate?session_code=s&execution=e&client_id=c&tab_id=t");
	}

	@Test
	void aPageWithoutTheLoginFormIsAFlowError() {
		assertThatExceptionOfType(AuthorizationCodeFlow.FlowException.class)
			.isThrownBy(() -> BrowserSession.loginFormAction("<html><form id=\"other\" action=\"/x\"></form></html>"));
	}

}
