package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.mcpauth.authserver.support.FormBrowser;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.mcpauth.authserver.support.FormBrowser.CSRF;
import static dev.mcpauth.authserver.support.FormBrowser.STATE;
import static dev.mcpauth.authserver.support.FormBrowser.find;
import static dev.mcpauth.authserver.support.FormBrowser.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the demo profile a browser logs in with the form and approves the consent page; the code then arrives
 * with {@code state} and {@code iss} like in the headless flow, and redeems to a resource-bound token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=alice", "spring.security.user.password=wonderland",
				"mcp.authorization-server.issuer=http://issuer.test:9000", "mcp.authorization-server.clients[0].client-id=browser-app",
				"mcp.authorization-server.clients[0].redirect-uris=http://127.0.0.1/callback" })
class LoginAndConsentTest {

	private static final String CALLBACK = "http://127.0.0.1:50007/callback";

	@LocalServerPort
	private int port;

	private FormBrowser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new FormBrowser(this.port);
	}

	@Test
	void userLogsInApprovesConsentAndClientGetsCode() throws Exception {
		Pkce pkce = Pkce.generate();
		Map<String, String> request = OAuthClient.authorizationRequest("browser-app", CALLBACK, pkce);
		String authorizeUrl = this.browser.url("/oauth2/authorize?" + form(request));

		HttpResponse<String> toLogin = this.browser.get(authorizeUrl);
		assertThat(toLogin.statusCode()).isEqualTo(302);
		assertThat(toLogin.headers().firstValue("Location").orElse("")).endsWith("/login");

		String loginPage = this.browser.get("/login").body();
		HttpResponse<String> loggedIn = this.browser.post("/login",
				Map.of("username", "alice", "password", "wonderland", "_csrf", find(CSRF, loginPage)));
		assertThat(loggedIn.statusCode()).isEqualTo(302);

		HttpResponse<String> toConsent = this.browser.get(authorizeUrl);
		assertThat(toConsent.statusCode()).isEqualTo(302);
		String consentUrl = toConsent.headers().firstValue("Location").orElseThrow();
		assertThat(consentUrl).contains("/oauth2/consent");
		HttpResponse<String> consentPage = this.browser.get(consentUrl);
		assertThat(consentPage.statusCode()).isEqualTo(200);
		assertThat(consentPage.body()).contains("browser-app").contains("mcp:connect");

		HttpResponse<String> approved = this.browser.post("/oauth2/authorize",
				Map.of("client_id", "browser-app", "state", find(STATE, consentPage.body()), "scope", "mcp:connect"));
		assertThat(approved.statusCode()).isEqualTo(302);
		Map<String, String> callback = OAuthClient.redirectParameters(approved);
		assertThat(OAuthClient.redirectTarget(approved)).isEqualTo(CALLBACK);
		assertThat(callback).containsKey("code")
			.containsEntry("state", request.get("state"))
			.containsEntry("iss", "http://issuer.test:9000");

		HttpResponse<String> token = new OAuthClient(this.port)
			.token(OAuthClient.codeRedemption("browser-app", callback.get("code"), CALLBACK, pkce));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
	}

}
