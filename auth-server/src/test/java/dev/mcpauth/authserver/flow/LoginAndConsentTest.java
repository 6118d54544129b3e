package dev.mcpauth.authserver.flow;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern STATE = Pattern.compile("name=\"state\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	private int port;

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void userLogsInApprovesConsentAndClientGetsCode() throws Exception {
		Pkce pkce = Pkce.generate();
		Map<String, String> request = OAuthClient.authorizationRequest("browser-app", CALLBACK, pkce);
		String authorizeUrl = url("/oauth2/authorize?" + form(request));

		HttpResponse<String> toLogin = get(authorizeUrl);
		assertThat(toLogin.statusCode()).isEqualTo(302);
		assertThat(toLogin.headers().firstValue("Location").orElse("")).endsWith("/login");

		String loginPage = get(url("/login")).body();
		HttpResponse<String> loggedIn = post(url("/login"), Map.of("username", "alice", "password", "wonderland",
				"_csrf", find(CSRF, loginPage)));
		assertThat(loggedIn.statusCode()).isEqualTo(302);

		HttpResponse<String> toConsent = get(authorizeUrl);
		assertThat(toConsent.statusCode()).isEqualTo(302);
		String consentUrl = toConsent.headers().firstValue("Location").orElseThrow();
		assertThat(consentUrl).contains("/oauth2/consent");
		HttpResponse<String> consentPage = get(consentUrl.startsWith("/") ? url(consentUrl) : consentUrl);
		assertThat(consentPage.statusCode()).isEqualTo(200);
		assertThat(consentPage.body()).contains("browser-app").contains("mcp:connect");

		HttpResponse<String> approved = post(url("/oauth2/authorize"), Map.of("client_id", "browser-app", "state",
				find(STATE, consentPage.body()), "scope", "mcp:connect"));
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

	private String url(String pathAndQuery) {
		return "http://127.0.0.1:" + this.port + pathAndQuery;
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String find(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as("pattern %s in page", pattern).isTrue();
		return matcher.group(1);
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
