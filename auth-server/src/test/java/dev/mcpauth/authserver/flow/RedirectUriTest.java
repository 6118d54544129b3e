package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redirect URI matching at the authorization endpoint (checklist AS-05, AS-06, AS-19, section 3.4).
 */
class RedirectUriTest extends DemoServerTest {

	@Test
	void acceptsAnyPortForRegisteredLoopbackIpRedirect() {
		String clientId = cimd.publish(uniquePath("ip"), "http://127.0.0.1/callback");

		assertRedirectsTo(clientId, "http://127.0.0.1:53111/callback");
		assertRedirectsTo(clientId, "http://127.0.0.1:1/callback");
	}

	@Test
	void acceptsAnyPortForRegisteredLocalhostRedirect() {
		String clientId = cimd.publish(uniquePath("localhost"), "http://localhost/callback");

		assertRedirectsTo(clientId, "http://localhost:33418/callback");
	}

	@Test
	void acceptsAnyPortForIpv6LoopbackRedirect() {
		String clientId = cimd.publish(uniquePath("ipv6"), "http://[::1]:8080/callback");

		assertRedirectsTo(clientId, "http://[::1]:40000/callback");
	}

	@Test
	void rejectsLoopbackRedirectWithDifferentPath() {
		String clientId = cimd.publish(uniquePath("path"), "http://127.0.0.1/callback");

		assertErrorPage(clientId, "http://127.0.0.1:53111/callback/x");
	}

	@Test
	void neverMapsLocalhostOntoLoopbackIp() {
		String clientId = cimd.publish(uniquePath("mapping"), "http://127.0.0.1/callback");

		assertErrorPage(clientId, "http://localhost:53111/callback");
	}

	@Test
	void rejectsForeignRedirect() {
		String clientId = cimd.publish(uniquePath("evil"), "http://127.0.0.1/callback");

		assertErrorPage(clientId, "https://evil.test/callback");
	}

	@Test
	void requiresExactMatchIncludingPortForNonLoopbackRedirect() {
		String clientId = cimd.publish(uniquePath("https"), "https://app.test/callback");

		assertRedirectsTo(clientId, "https://app.test/callback");
		assertErrorPage(clientId, "https://app.test:8443/callback");
		assertErrorPage(clientId, "https://APP.test/callback");
	}

	private void assertRedirectsTo(String clientId, String redirectUri) {
		HttpResponse<String> response = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, redirectUri, Pkce.generate()));

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(OAuthClient.redirectTarget(response)).isEqualTo(redirectUri);
		assertThat(OAuthClient.redirectParameters(response)).containsKey("code");
	}

	private void assertErrorPage(String clientId, String redirectUri) {
		HttpResponse<String> response = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, redirectUri, Pkce.generate()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("redirect_uri is not registered");
	}

}
