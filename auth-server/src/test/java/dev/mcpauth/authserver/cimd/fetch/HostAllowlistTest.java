package dev.mcpauth.authserver.cimd.fetch;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.mcpauth.oauth2.server.authorization.cimd.fetch.LoopbackServer;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.FakeResolver;
import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security matrix case 56, AS-28 trust policy: with {@code mcp.authorization-server.cimd.allowed-hosts} set, a client id on any
 * other host gets the error page before anything is resolved or fetched, while an allowlisted host still works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mcp.authorization-server.cimd.allowed-hosts=*.trusted.test")
@ActiveProfiles("demo")
@Import(HostAllowlistTest.Dns.class)
class HostAllowlistTest {

	private static final String CALLBACK = "http://127.0.0.1:53111/callback";

	private static LoopbackServer documents;

	@LocalServerPort
	private int port;

	@Autowired
	private FakeResolver dns;

	@BeforeAll
	static void start() throws IOException {
		documents = new LoopbackServer((out) -> {
			// every request gets a document naming the allowlisted client id; the other one never gets this far
			String clientId = "http://app.trusted.test:" + documents.port() + "/client.json";
			out.write(HttpResponses.ok("application/json", null, CimdHost.document(clientId, CALLBACK))
				.getBytes(StandardCharsets.UTF_8));
		});
	}

	@AfterAll
	static void stop() throws IOException {
		documents.close();
	}

	@Test
	void hostOutsideTheAllowlistIsRefusedBeforeAnyLookupOrFetch() {
		String clientId = "http://evil.example:" + documents.port() + "/client.json";
		int accepts = documents.accepts();

		HttpResponse<String> response = new OAuthClient(this.port)
			.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("not allowed by this server");
		assertThat(this.dns.questions()).doesNotContain("evil.example");
		assertThat(documents.accepts()).isEqualTo(accepts);
	}

	@Test
	void allowlistedHostIsFetched() {
		String clientId = "http://app.trusted.test:" + documents.port() + "/client.json";

		HttpResponse<String> response = new OAuthClient(this.port)
			.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));

		assertThat(OAuthClient.redirectParameters(response)).containsKey("code");
		assertThat(this.dns.questions()).contains("app.trusted.test");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Dns {

		@Bean
		FakeResolver fakeDns() {
			return new FakeResolver(Map.of("app.trusted.test", List.of("127.0.0.1"), "evil.example",
					List.of("127.0.0.1")));
		}

	}

}
