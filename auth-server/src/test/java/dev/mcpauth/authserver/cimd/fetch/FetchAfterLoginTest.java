package dev.mcpauth.authserver.cimd.fetch;

import java.io.IOException;
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

import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@AfterAll
	static void stopHost() {
		cimd.close();
	}

	@Test
	void documentIsFetchedOnlyAfterTheUserLoggedIn() throws Exception {
		String clientId = cimd.publish("/after-login/client.json", "http://127.0.0.1/callback");
		Map<String, String> request = OAuthClient.authorizationRequest(clientId, "http://127.0.0.1:5000/callback",
				Pkce.generate());

		HttpResponse<String> anonymous = get("/oauth2/authorize?" + form(request));

		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
		assertThat(cimd.hits("/after-login/client.json")).as("fetches before login").isZero();

		HttpResponse<String> loggedIn = login("alice", "wonderland");
		String resumed = loggedIn.headers().firstValue("Location").orElseThrow();
		assertThat(resumed).contains("/oauth2/authorize");
		HttpResponse<String> authorize = get(URI.create(resumed).getRawPath() + "?" + URI.create(resumed).getRawQuery());
		// the client is now known: the authorization endpoint sends the user to the consent page (issue 12)
		assertThat(authorize.statusCode()).isEqualTo(302);
		String consentPage = authorize.headers().firstValue("Location").orElseThrow();
		assertThat(consentPage).contains("/oauth2/consent");
		HttpResponse<String> consent = get(URI.create(consentPage).getRawPath() + "?"
				+ URI.create(consentPage).getRawQuery());

		assertThat(consent.statusCode()).isEqualTo(200);
		assertThat(cimd.hits("/after-login/client.json")).as("fetches after login").isEqualTo(1);
	}

	private HttpResponse<String> login(String username, String password) throws Exception {
		HttpResponse<String> page = get("/login");
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
		String body = form(Map.of("username", username, "password", password, "_csrf", csrf.group(1)));
		return send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> get(String pathAndQuery) throws Exception {
		return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Accept", "text/html").GET().build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.browser.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	private static String form(Map<String, String> params) {
		return params.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
