package dev.mcpauth.authserver.cimd.fetch;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.FormBrowser;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.mcpauth.authserver.support.FormBrowser.CSRF;
import static dev.mcpauth.authserver.support.FormBrowser.find;
import static dev.mcpauth.authserver.support.FormBrowser.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SEP-991 "Only fetch client metadata after authenticating the user" (checklist §3.6), without the demo profile:
 * an anonymous browser is sent to the login form and the document host sees nothing; after login the saved
 * authorization request resumes and only then is the document fetched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.cimd.allow-http-and-loopback=true", "spring.security.user.name=alice",
				"spring.security.user.password=wonderland" })
class FetchAfterLoginTest {

	private static final CimdHost cimd = CimdHost.start();

	@LocalServerPort
	private int port;

	private FormBrowser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new FormBrowser(this.port);
	}

	@AfterAll
	static void stopHost() {
		cimd.close();
	}

	@Test
	void documentIsFetchedOnlyAfterTheUserLoggedIn() throws Exception {
		String clientId = cimd.publish("/after-login/client.json", "http://127.0.0.1/callback");
		Map<String, String> request = OAuthClient.authorizationRequest(clientId, "http://127.0.0.1:5000/callback",
				Pkce.generate());

		HttpResponse<String> anonymous = this.browser.get("/oauth2/authorize?" + form(request));

		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
		assertThat(cimd.hits("/after-login/client.json")).as("fetches before login").isZero();

		HttpResponse<String> loggedIn = login("alice", "wonderland");
		String resumed = loggedIn.headers().firstValue("Location").orElseThrow();
		assertThat(resumed).contains("/oauth2/authorize");
		HttpResponse<String> authorize = this.browser.get(URI.create(resumed).getRawPath() + "?" + URI.create(resumed).getRawQuery());
		// the client is now known: the authorization endpoint sends the user to the consent page (issue 12)
		assertThat(authorize.statusCode()).isEqualTo(302);
		String consentPage = authorize.headers().firstValue("Location").orElseThrow();
		assertThat(consentPage).contains("/oauth2/consent");
		HttpResponse<String> consent = this.browser.get(URI.create(consentPage).getRawPath() + "?"
				+ URI.create(consentPage).getRawQuery());

		assertThat(consent.statusCode()).isEqualTo(200);
		assertThat(cimd.hits("/after-login/client.json")).as("fetches after login").isEqualTo(1);
	}

	private HttpResponse<String> login(String username, String password) throws Exception {
		String csrf = find(CSRF, this.browser.get("/login").body());
		return this.browser.post("/login", Map.of("username", username, "password", password, "_csrf", csrf));
	}

}
