package dev.mcpauth.oauth2.client.authorization;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.McpAuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CL-16: the interactive mode's redirect target, on 127.0.0.1 and an ephemeral port. */
class LoopbackCallbackListenerTest {

	@Test
	void receivesTheRedirectOfTheBrowser() throws Exception {
		try (LoopbackCallbackListener listener = new LoopbackCallbackListener()) {
			assertThat(listener.redirectUri()).matches("http://127\\.0\\.0\\.1:\\d+/callback");
			listener.expect("s1");

			HttpResponse<String> page = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(listener.redirectUri() + "?code=c1&state=s1")).build(),
						HttpResponse.BodyHandlers.ofString());
			URI received = listener.await(Duration.ofSeconds(5));

			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("You can close this window");
			assertThat(AuthorizationResponse.fromRedirect(received).validatedCode("s1", "http://as", false)).isEqualTo("c1");
		}
	}

	@Test
	void discardsARedirectWhoseStateIsNotThePendingOne() throws Exception { // CL-09
		try (LoopbackCallbackListener listener = new LoopbackCallbackListener()) {
			listener.expect("s1");
			HttpClient browser = HttpClient.newHttpClient();

			HttpResponse<String> forged = browser.send(
					HttpRequest.newBuilder(URI.create(listener.redirectUri() + "?code=evil&state=s0")).build(),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> stateless = browser.send(
					HttpRequest.newBuilder(URI.create(listener.redirectUri() + "?code=evil")).build(),
					HttpResponse.BodyHandlers.ofString());
			browser.send(HttpRequest.newBuilder(URI.create(listener.redirectUri() + "?code=c1&state=s1")).build(),
					HttpResponse.BodyHandlers.discarding());

			assertThat(forged.statusCode()).isEqualTo(400);
			assertThat(forged.body()).contains("ignored");
			assertThat(stateless.statusCode()).isEqualTo(400);
			assertThat(AuthorizationResponse.fromRedirect(listener.await(Duration.ofSeconds(5))).code()).isEqualTo("c1");
		}
	}

	@Test
	void givesUpAfterTheTimeout() {
		try (LoopbackCallbackListener listener = new LoopbackCallbackListener()) {
			assertThatThrownBy(() -> listener.await(Duration.ofMillis(100))).isInstanceOf(McpAuthorizationException.class)
				.hasMessageContaining("no authorization response arrived");
		}
	}

}
