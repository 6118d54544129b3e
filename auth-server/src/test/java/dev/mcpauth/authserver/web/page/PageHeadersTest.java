package dev.mcpauth.authserver.web.page;

import java.util.Map;

import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import dev.mcpauth.authserver.web.support.PageClient;
import dev.mcpauth.authserver.web.support.PageClient.Response;
import dev.mcpauth.authserver.web.support.UiServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response headers and CSRF protection of every user page, over real HTTP (no browser needed): no framing
 * ({@code X-Frame-Options: DENY} and CSP {@code frame-ancestors 'none'}), a strict policy (nothing but the server's
 * own stylesheet, no scripts), the consent page's {@code form-action} limited to this server and the redirect
 * origin, and the authorization endpoint's error pages with the same headers (checklist AS-06, AS-26).
 */
class PageHeadersTest extends UiServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50007/callback";

	@Test
	void loginPageCannotBeFramedAndLoadsNothingFromElsewhere() {
		Response login = new PageClient(this.port).get("/login");

		assertThat(login.status()).isEqualTo(200);
		assertNotFramable(login);
		assertThat(login.header("Content-Security-Policy")).doesNotContain("form-action");
		assertThat(login.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(login.body()).contains("<link rel=\"stylesheet\" href=\"/ui/app.css\">")
			.doesNotContain("src=\"http")
			.doesNotContain("href=\"http")
			.doesNotContain("<script");
	}

	@Test
	void consentPageAllowsFormsOnlyToThisServerAndTheRedirectOrigin() {
		PageClient user = signedIn();
		Response consent = consentPage(user, "mcp:connect weather:read");

		assertThat(consent.status()).isEqualTo(200);
		assertNotFramable(consent);
		assertThat(consent.header("Content-Security-Policy")).endsWith("form-action 'self' http://127.0.0.1:50007");
		assertThat(consent.body()).contains("id=\"redirect-host\">127.0.0.1<")
			.contains("id=\"loopback-warning\"")
			.contains("A program on this computer will receive access.")
			.contains("id=\"client-registered\"")
			.contains("Connect to the MCP server and see which tools it offers")
			.contains("id=\"resource\">http://localhost:8001/mcp<");
	}

	@Test
	void consentPageOfAnotherUsersRequestIsRefused() {
		PageClient alice = signedIn();
		Response toConsent = authorize(alice, "mcp:connect");
		String consentUrl = PageClient.local(toConsent.location());

		PageClient mallory = new PageClient(this.port);
		mallory.login(newUser("mallory"), PASSWORD);
		Response stolen = mallory.get(consentUrl);

		assertThat(stolen.status()).isEqualTo(400);
		assertThat(stolen.body()).contains("This request is no longer valid").doesNotContain("Browser App");
		assertNotFramable(stolen);
	}

	@Test
	void authorizationErrorPagesHaveTheSameHeaders() {
		PageClient user = signedIn();
		Map<String, String> badRedirect = OAuthClient.authorizationRequest("browser-app",
				"https://attacker.example/callback", Pkce.generate());
		Response redirectRejected = user.get("/oauth2/authorize?" + PageClient.form(badRedirect));
		Map<String, String> unfetchable = OAuthClient.authorizationRequest(cimd.url("/missing/client.json"),
				CALLBACK, Pkce.generate());
		Response documentRejected = user.get("/oauth2/authorize?" + PageClient.form(unfetchable));

		for (Response page : new Response[] { redirectRejected, documentRejected }) {
			assertThat(page.status()).isEqualTo(400);
			assertThat(page.location()).isNull();
			assertNotFramable(page);
			assertThat(page.header("Content-Security-Policy")).contains("form-action 'none'");
			assertThat(page.body()).contains("Authorization request rejected")
				.contains("href=\"/ui/app.css\"")
				.doesNotContain("Exception");
		}
		assertThat(redirectRejected.body()).contains("<code id=\"error\">invalid_request</code>");
		assertThat(documentRejected.body()).contains("<code id=\"error\">invalid_client</code>");
	}

	@Test
	void connectedClientsPageNeedsSignInAndSendsFormsOnlyHere() {
		Response anonymous = new PageClient(this.port).get("/account/clients");
		assertThat(anonymous.status()).isEqualTo(302);
		assertThat(anonymous.location()).endsWith("/login");

		Response page = signedIn().get("/account/clients");
		assertThat(page.status()).isEqualTo(200);
		assertNotFramable(page);
		assertThat(page.header("Content-Security-Policy")).endsWith("form-action 'self'");
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefused() {
		PageClient user = signedIn();
		assertThat(user.post("/account/clients/revoke", Map.of("client", "anything")).status()).isEqualTo(403);
		assertThat(new PageClient(this.port).post("/login", Map.of("username", "alice", "password", PASSWORD))
			.status()).isEqualTo(403);
	}

	@Test
	void stylesheetAndErrorPageAreServedWithoutSignIn() {
		PageClient anonymous = new PageClient(this.port);
		Response css = anonymous.get("/ui/app.css");
		assertThat(css.status()).isEqualTo(200);
		assertThat(css.header("Content-Type")).startsWith("text/css");

		Response missing = anonymous.get("/no-such-page");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).contains("Page not found").doesNotContain("Exception").doesNotContain("at org.");
		assertNotFramable(missing);
	}

	private PageClient signedIn() {
		PageClient user = new PageClient(this.port);
		Response login = user.login("alice", PASSWORD);
		assertThat(login.location()).doesNotContain("error");
		return user;
	}

	private Response authorize(PageClient user, String scope) {
		Map<String, String> request = OAuthClient.authorizationRequest("browser-app", CALLBACK, Pkce.generate());
		request.put("scope", scope);
		Response toConsent = user.get("/oauth2/authorize?" + PageClient.form(request));
		assertThat(toConsent.status()).isEqualTo(302);
		assertThat(toConsent.location()).contains("/oauth2/consent");
		return toConsent;
	}

	private Response consentPage(PageClient user, String scope) {
		return user.get(PageClient.local(authorize(user, scope).location()));
	}

	private static void assertNotFramable(Response response) {
		assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'")
			.contains("default-src 'none'")
			.contains("style-src 'self'")
			.doesNotContain("unsafe-inline")
			.doesNotContain("script-src");
	}

}
