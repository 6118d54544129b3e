package dev.mcpauth.authserver.web.browser;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import dev.mcpauth.authserver.web.support.Browser;
import dev.mcpauth.authserver.web.support.PageClient;
import dev.mcpauth.authserver.web.support.UiServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent and connected-clients pages in a real Chromium, for Client ID Metadata Document clients published
 * by this test on loopback (checklist AS-26: client_id host, redirect host, localhost warning; AS-06 error pages).
 */
class ConsentBrowserTest extends UiServerTest {

	/** A loopback redirect on a port nobody listens on: the browser's final URL is all the test needs. */
	private static final String CALLBACK = "http://localhost:50123/callback";

	private Browser browser;


	@BeforeEach
	void startBrowser() {
		this.browser = Browser.start(1280, 900);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) { // null when the test was skipped for want of a browser
			this.browser.close();
		}
	}

	@Test
	void consentForCimdClientWithLoopbackRedirectShowsBothHostsAndTheWarningAndDenyReturnsAccessDenied() {
		String clientId = publishClient("claude", "Claude Code", CALLBACK, "\"authorization_code\"");
		Map<String, String> request = request(clientId, "mcp:connect weather:read");

		signInAndOpenConsent(request);

		assertThat(this.browser.text("#client-name")).isEqualTo("Claude Code");
		assertThat(this.browser.text("#client-host")).isEqualTo("127.0.0.1");
		assertThat(this.browser.text("#client-unverified")).startsWith("Unverified: this server does not know 127.0.0.1.");
		assertThat(this.browser.text("#client-id")).isEqualTo(clientId);
		assertThat(this.browser.text("#redirect-host")).isEqualTo("localhost");
		assertThat(this.browser.text("#redirect-uri")).isEqualTo(CALLBACK);
		assertThat(this.browser.text("#loopback-warning")).startsWith("A program on this computer will receive access.");
		assertThat(this.browser.text("#resource")).isEqualTo(OAuthClient.RESOURCE);
		assertThat(scopeTexts()).containsExactly(
				"Connect to the MCP server and see which tools it offers\nmcp:connect",
				"Read weather forecasts through the MCP server's tools\nweather:read");
		assertThat(this.browser.has("img")).as("no client logo is loaded").isFalse();
		this.browser.screenshot("consent");
		try (Browser phone = Browser.start(800, 900)) {
			phone.emulatePhone(390, 844);
			phone.open(this.browser.url());
			phone.signIn("alice", PASSWORD);
			phone.waitFor("#consent-form");
			phone.screenshot("consent-mobile");
		}

		this.browser.click("#deny");
		Map<String, String> answer = callback();

		assertThat(answer).containsEntry("error", "access_denied")
			.containsEntry("state", request.get("state"))
			.containsEntry("iss", "http://issuer.test:9000")
			.doesNotContainKey("code");
	}

	@Test
	void approvalRedeemsATokenAndTheConnectedClientsPageRevokesItsRefreshToken() {
		String clientId = publishClient("vscode", "Visual Studio Code", CALLBACK,
				"\"authorization_code\",\"refresh_token\"");
		Pkce pkce = Pkce.generate();
		Map<String, String> request = OAuthClient.authorizationRequest(clientId, CALLBACK, pkce);
		request.put("scope", "mcp:connect");
		signInAndOpenConsent(request);
		this.browser.click("#approve");
		Map<String, String> answer = callback();
		assertThat(answer).containsKey("code").containsEntry("state", request.get("state"));

		OAuthClient tokens = new OAuthClient(this.port);
		HttpResponse<String> token = tokens.token(OAuthClient.codeRedemption(clientId, answer.get("code"), CALLBACK, pkce));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		JsonNode granted = OAuthClient.json(token);
		assertThat(granted.get("scope").asString()).isEqualTo("mcp:connect");
		String refreshToken = granted.get("refresh_token").asString();

		// a second request asks for more: the scope granted before is marked, the new one is offered
		Map<String, String> more = request(clientId, "mcp:connect weather:read");
		this.browser.open(baseUrl() + "/oauth2/authorize?" + PageClient.form(more));
		this.browser.waitFor("#consent-form");
		assertThat(this.browser.find("li[data-scope='mcp:connect']").getText()).contains("Granted before");
		assertThat(this.browser.has("li[data-scope='mcp:connect'] input")).isFalse();
		assertThat(this.browser.find("li[data-scope='weather:read'] input").isSelected()).isTrue();
		assertThat(this.browser.text("#deny")).isEqualTo("Deny the new permissions");
		this.browser.screenshot("consent-previously-granted");

		this.browser.open(baseUrl() + "/account/clients");
		WebElement entry = this.browser.find("li.client[data-client-id='" + clientId + "']");
		assertThat(entry.findElement(org.openqa.selenium.By.cssSelector(".client__name")).getText())
			.isEqualTo("Visual Studio Code");
		assertThat(entry.getText()).contains("127.0.0.1").contains("unverified").contains("mcp:connect")
			.contains(OAuthClient.RESOURCE);
		assertThat(entry.findElement(org.openqa.selenium.By.cssSelector(".client__granted")).getText())
			.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
		assertThat(entry.findElement(org.openqa.selenium.By.cssSelector(".client__last-used")).getText())
			.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
		this.browser.screenshot("connected-clients");

		// the refresh token works until the grant is revoked
		HttpResponse<String> refreshed = tokens.token(refresh(clientId, refreshToken));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		String rotated = OAuthClient.json(refreshed).get("refresh_token").asString();

		entry.findElement(org.openqa.selenium.By.cssSelector("button.revoke")).click();
		this.browser.waitFor("#revoked-message");
		assertThat(this.browser.text("#revoked-message")).contains("Visual Studio Code");
		assertThat(this.browser.has("li.client[data-client-id='" + clientId + "']")).isFalse();
		this.browser.screenshot("connected-clients-revoked");

		HttpResponse<String> afterRevoke = tokens.token(refresh(clientId, rotated));
		assertThat(afterRevoke.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(afterRevoke).get("error").asString()).isEqualTo("invalid_grant");

		// the consent went too: the next authorization asks again, with nothing marked as granted before
		this.browser.open(baseUrl() + "/oauth2/authorize?" + PageClient.form(request(clientId, "mcp:connect")));
		this.browser.waitFor("#consent-form");
		assertThat(this.browser.has(".scope__previous")).isFalse();
	}

	@Test
	void clientNameCarryingHtmlIsShownAsText() {
		String name = "<b>Claude</b><img src=x onerror=alert(1)>";
		String clientId = publishClient("html-name", name, CALLBACK, "\"authorization_code\"");
		signInAndOpenConsent(request(clientId, "mcp:connect"));

		assertThat(this.browser.text("#client-name")).isEqualTo(name);
		assertThat(this.browser.has("#client-name b")).isFalse();
		assertThat(this.browser.has("img")).isFalse();
		assertThat(this.browser.title()).isEqualTo("Authorize " + name + " · MCP Authorization Server");
		this.browser.screenshot("consent-html-name");
	}

	@Test
	void unfetchableDocumentShowsTheErrorPageInTheSameLook() {
		Map<String, String> request = request(cimd.url("/gone/client.json"), "mcp:connect");
		this.browser.open(baseUrl() + "/oauth2/authorize?" + PageClient.form(request));
		this.browser.signIn("alice", PASSWORD);
		this.browser.waitFor("#error");

		assertThat(this.browser.text("#error")).isEqualTo("invalid_client");
		assertThat(this.browser.text("h1")).isEqualTo("Authorization request rejected");
		assertThat(this.browser.url()).startsWith(baseUrl());
		this.browser.screenshot("error-unfetchable-document");
	}

	private static Map<String, String> request(String clientId, String scope) {
		Map<String, String> request = OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate());
		request.put("scope", scope);
		return request;
	}

	private void signInAndOpenConsent(Map<String, String> request) {
		this.browser.open(baseUrl() + "/oauth2/authorize?" + PageClient.form(request));
		this.browser.signIn("alice", PASSWORD);
		this.browser.waitFor("#consent-form");
		assertThat(this.browser.url()).contains("/oauth2/consent");
	}

	private List<String> scopeTexts() {
		return this.browser.all("li.scope").stream().map(WebElement::getText).toList();
	}

	/** Waits for the redirect to the client and returns its query parameters. */
	private Map<String, String> callback() {
		String url = this.browser.waitForUrl((u) -> u.startsWith(CALLBACK));
		Map<String, String> params = new LinkedHashMap<>();
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			String[] kv = pair.split("=", 2);
			params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
					(kv.length > 1) ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
		}
		return params;
	}

	private static Map<String, String> refresh(String clientId, String refreshToken) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		form.put("client_id", clientId);
		return form;
	}

}
