package dev.mcpauth.authserver.audit;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.mcpauth.authserver.support.FormBrowser;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.mcpauth.authserver.support.FormBrowser.CSRF;
import static dev.mcpauth.authserver.support.FormBrowser.STATE;
import static dev.mcpauth.authserver.support.FormBrowser.find;
import static dev.mcpauth.authserver.support.FormBrowser.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login success and failure, consent granted, denied and revoked, with a browser session (no demo profile), for a
 * client of its own so no other test's consent is in the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=alice", "spring.security.user.password=wonderland",
				"mcp.authorization-server.issuer=http://issuer.test:9000", "mcp.authorization-server.clients[0].client-id=audit-app",
				"mcp.authorization-server.clients[0].redirect-uris=http://127.0.0.1/callback" })
@ExtendWith(OutputCaptureExtension.class)
class LoginAndConsentAuditTest {

	private static final String CALLBACK = "http://127.0.0.1:50042/callback";

	@LocalServerPort
	private int port;

	@Autowired
	private RegisteredClientRepository clients;

	@Autowired
	private OAuth2AuthorizationConsentService consents;

	private FormBrowser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new FormBrowser(this.port);
	}

	@Test
	void loginFailureThenSuccessAreAuditedWithoutThePassword(CapturedOutput output) throws Exception {
		String csrf = find(CSRF, this.browser.get("/login").body());
		HttpResponse<String> failed = this.browser.post("/login",
				Map.of("username", "alice", "password", "not-the-password-4711", "_csrf", csrf));
		assertThat(failed.headers().firstValue("Location").orElse("")).contains("error");
		login();

		List<JsonNode> failures = AuditLines.ofType(output.getAll(), AuditEventTypes.LOGIN_FAILURE);
		assertThat(failures).isNotEmpty();
		assertThat(failures.get(0).get("audit").get("principal").stringValue()).isEqualTo("alice");
		assertThat(failures.get(0).get("audit").get("error").stringValue()).isEqualTo("BadCredentialsException");
		assertThat(AuditLines.ofType(output.getAll(), AuditEventTypes.LOGIN_SUCCESS)).isNotEmpty()
			.allSatisfy((line) -> assertThat(line.get("audit").get("principal").stringValue()).isEqualTo("alice"));
		AuditEventsTest.assertNoSecret(output, "not-the-password-4711", "wonderland");
	}

	@Test
	void consentDeniedGrantedAndRevokedAreAudited(CapturedOutput output) throws Exception {
		login();
		HttpResponse<String> firstConsent = consentPage("mcp:connect");
		// Cancel on the consent page: the form without any scope
		HttpResponse<String> denied = this.browser.post("/oauth2/authorize",
				Map.of("client_id", "audit-app", "state", find(STATE, firstConsent.body())));
		assertThat(OAuthClient.redirectParameters(denied)).containsEntry("error", "access_denied");

		HttpResponse<String> secondConsent = consentPage("mcp:connect");
		HttpResponse<String> approved = this.browser.post("/oauth2/authorize", Map.of("client_id", "audit-app", "state",
				find(STATE, secondConsent.body()), "scope", "mcp:connect"));
		assertThat(OAuthClient.redirectParameters(approved)).containsKey("code");

		RegisteredClient client = this.clients.findByClientId("audit-app");
		this.consents.remove(this.consents.findById(client.getId(), "alice"));

		List<JsonNode> deniedLines = AuditLines.ofType(output.getAll(), AuditEventTypes.CONSENT_DENIED);
		assertThat(deniedLines).hasSize(1);
		assertThat(deniedLines.get(0).get("audit").get("client_id").stringValue()).isEqualTo("audit-app");
		List<JsonNode> granted = AuditLines.ofType(output.getAll(), AuditEventTypes.CONSENT_GRANTED);
		assertThat(granted).hasSize(1);
		assertThat(granted.get(0).get("audit").get("principal").stringValue()).isEqualTo("alice");
		assertThat(granted.get(0).get("audit").get("client_id").stringValue()).isEqualTo("audit-app");
		assertThat(granted.get(0).get("audit").get("scope").stringValue()).isEqualTo("mcp:connect");
		List<JsonNode> revoked = AuditLines.ofType(output.getAll(), AuditEventTypes.CONSENT_REVOKED);
		assertThat(revoked).hasSize(1);
		assertThat(revoked.get(0).get("audit").get("principal").stringValue()).isEqualTo("alice");
		assertThat(revoked.get(0).get("audit").get("scope").stringValue()).isEqualTo("mcp:connect");
	}

	private void login() throws Exception {
		String csrf = find(CSRF, this.browser.get("/login").body());
		HttpResponse<String> loggedIn = this.browser.post("/login",
				Map.of("username", "alice", "password", "wonderland", "_csrf", csrf));
		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
	}

	/** The authorization request, then the consent page it redirects to. */
	private HttpResponse<String> consentPage(String scope) throws Exception {
		HttpResponse<String> toConsent = this.browser.get(authorizeUrl(scope));
		assertThat(toConsent.statusCode()).isEqualTo(302);
		String consentUrl = toConsent.headers().firstValue("Location").orElseThrow();
		HttpResponse<String> page = this.browser.get(consentUrl);
		assertThat(page.statusCode()).isEqualTo(200);
		return page;
	}

	private String authorizeUrl(String scope) {
		Map<String, String> request = OAuthClient.authorizationRequest("audit-app", CALLBACK, Pkce.generate());
		request.put("scope", scope);
		return this.browser.url("/oauth2/authorize?" + form(request));
	}

}
