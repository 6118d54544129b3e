package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;

import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpauth.authserver.config.AuthorizationServerChainCustomizer;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the demo profile: https-only CIMD URLs, no loopback fetches (checklist section 3.1, AS-25 baseline), and
 * a login form for browsers instead of the demo user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.dynamic-client-registration=false", "mcp.authorization-server.clients[0].client-id=web-app",
				"mcp.authorization-server.clients[0].redirect-uris=http://127.0.0.1/callback" })
@Import(StrictModeTest.MarkingChainCustomizer.class)
class StrictModeTest {

	private static final CimdHost cimd = CimdHost.start();

	@LocalServerPort
	private int port;

	private OAuthClient client;

	@BeforeEach
	void createClient() {
		this.client = new OAuthClient(this.port);
	}

	@AfterAll
	static void stopHost() {
		cimd.close();
	}

	@Test
	void rejectsHttpClientIdWithoutFetching() {
		String clientId = cimd.publish("/strict/client.json", "http://127.0.0.1/callback");

		HttpResponse<String> response = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, "http://127.0.0.1:5000/callback", Pkce.generate()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("must use the https scheme");
		assertThat(cimd.hits("/strict/client.json")).isZero();
	}

	@Test
	void rejectsHttpsLoopbackClientIdWithoutFetching() {
		HttpResponse<String> response = this.client.authorize(OAuthClient
			.authorizationRequest("https://127.0.0.1:1/client.json", "http://127.0.0.1:5000/callback", Pkce.generate()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("loopback");
	}

	@Test
	void sendsUnauthenticatedBrowserToLoginForm() {
		HttpResponse<String> response = this.client.authorize(
				OAuthClient.authorizationRequest("web-app", "http://127.0.0.1:5000/callback", Pkce.generate()));

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login");
	}

	@Test
	void dynamicRegistrationCanBeTurnedOff() {
		HttpResponse<String> registration = this.client.postJson("/oauth2/register",
				"{\"redirect_uris\":[\"http://127.0.0.1/callback\"]}");

		assertThat(registration.statusCode()).isNotEqualTo(201).isLessThan(500);
		assertThat(this.client.get("/.well-known/oauth-authorization-server", "application/json").body())
			.doesNotContain("registration_endpoint");
	}

	@Test
	void appliesChainCustomizerBeansToTheAuthorizationServerChain() {
		HttpResponse<String> metadata = this.client.get("/.well-known/oauth-authorization-server", "application/json");
		HttpResponse<String> outside = this.client.get("/admin", "text/html");

		assertThat(metadata.headers().firstValue("X-Chain-Customized")).contains("yes");
		assertThat(outside.headers().firstValue("X-Chain-Customized")).isEmpty();
	}

	@Test
	void unknownPathsAnswer404() {
		assertThat(this.client.get("/admin", "text/html").statusCode()).isEqualTo(404);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MarkingChainCustomizer {

		@Bean
		AuthorizationServerChainCustomizer markingCustomizer() {
			return (http) -> http.addFilterAfter((request, response, chain) -> {
				((HttpServletResponse) response).setHeader("X-Chain-Customized", "yes");
				chain.doFilter(request, response);
			}, SecurityContextHolderFilter.class);
		}

	}

}
