package example.consumer.plainjava;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.McpOAuthClient;
import dev.mcpauth.oauth2.client.registration.RegistrationMethod;
import dev.mcpauth.oauth2.client.support.FakeMcpDeployment;
import dev.mcpauth.oauth2.client.support.LoopbackServer;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A weather desk written from scratch on the MCP Java SDK with only the library's public API, no Spring: the server
 * challenges with 401 + {@code resource_metadata}, the client discovers (RFC 9728, RFC 8414), registers dynamically
 * (RFC 7591, the AS takes no CIMD here), authorizes headlessly with PKCE and {@code resource}, and steps up when
 * {@code get_weather} answers 403 {@code insufficient_scope}.
 */
class PlainJavaConsumerTest {

	private FakeMcpDeployment deployment;

	private final List<String> trace = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws Exception {
		this.deployment = new FakeMcpDeployment();
		this.deployment.cimdSupported = false;
	}

	@AfterEach
	void stop() {
		this.deployment.close();
	}

	@Test
	void callsToolsAfterAuthorizingAndAfterSteppingUp() throws Exception { // CL-08, CL-12, CL-18, CL-20, CL-21, CL-22
		try (McpOAuthClient oauth = McpOAuthClient.builder(this.deployment.resource())
			.clientName("Weather desk (plain Java)")
			.headlessUserAgent("http://127.0.0.1/callback")
			.timeout(Duration.ofSeconds(10))
			.listener(new AuthorizationTraceListener() {
				@Override
				public void step(String title) {
					PlainJavaConsumerTest.this.trace.add(title);
				}
			})
			.build()) {
			McpSyncClient client = McpClient.sync(transport(oauth)).requestTimeout(Duration.ofSeconds(20)).build();
			try {
				client.initialize();
				McpSchema.CallToolResult whoami = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
				McpSchema.CallToolResult weather = client
					.callTool(new McpSchema.CallToolRequest("get_weather", Map.of("city", "Oslo")));

				assertThat(text(whoami)).contains("demo-user");
				assertThat(weather.isError()).isFalse();
				assertThat(text(weather)).isEqualTo("Sunny in Oslo");
			}
			finally {
				client.closeGracefully();
			}
			assertThat(oauth.registrationMethod()).contains(RegistrationMethod.DCR);
			assertThat(oauth.authorizations()).isEqualTo(2);
			assertThat(oauth.stepUps()).isEqualTo(1);
			assertThat(oauth.failure()).isEmpty();
		}

		String resource = this.deployment.resource();
		List<JsonNode> registrations = this.deployment.registrationRequests();
		assertThat(registrations).singleElement().satisfies(r -> {
			assertThat(r.get("client_name").asString()).isEqualTo("Weather desk (plain Java)");
			assertThat(r.get("redirect_uris").get(0).asString()).isEqualTo("http://127.0.0.1/callback");
			assertThat(r.get("token_endpoint_auth_method").asString()).isEqualTo("none");
		});
		List<Map<String, String>> authorizations = this.deployment.authorizationRequests();
		assertThat(authorizations).extracting(a -> a.get("scope"))
			.containsExactly("mcp:connect", "mcp:connect weather:read");
		assertThat(authorizations).allSatisfy(a -> {
			assertThat(a).containsEntry("resource", resource).containsEntry("code_challenge_method", "S256");
			assertThat(a.get("client_id")).startsWith("dcr-client-");
			assertThat(a.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
		});
		assertThat(authorizations).extracting(a -> a.get("state")).doesNotHaveDuplicates();
		// Each code exchange proves possession of the verifier behind its own request's challenge (RFC 7636 4.6).
		List<Map<String, String>> exchanges = this.deployment.tokenRequests()
			.stream()
			.filter(t -> "authorization_code".equals(t.get("grant_type")))
			.toList();
		assertThat(exchanges).hasSize(2).allSatisfy(t -> assertThat(t).containsEntry("resource", resource));
		assertThat(exchanges).extracting(t -> s256(t.get("code_verifier")))
			.containsExactlyElementsOf(authorizations.stream().map(a -> a.get("code_challenge")).toList());
		List<LoopbackServer.Request> mcp = this.deployment.rs.requests()
			.stream()
			.filter(r -> r.path().equals("/mcp") && r.method().equals("POST"))
			.toList();
		assertThat(mcp.get(0).headers().getFirst("Authorization")).isNull(); // the first one meets the challenge
		assertThat(mcp.subList(1, mcp.size()))
			.allSatisfy(r -> assertThat(r.headers().getFirst("Authorization")).startsWith("Bearer "));
		assertThat(this.trace).containsSubsequence("Discovery", "Authorization (DCR + PKCE) for base scope",
				"Step-up re-authorization for the extra scope", "Retry 'get_weather' with stepped-up token");
	}

	@Test
	void givesUpOnAToolWhoseScopeIsNeverEnoughAfterThreeAttempts() { // CL-20, auth/scope-retry-limit
		this.deployment.neverEnoughScope = true;
		try (McpOAuthClient oauth = McpOAuthClient.builder(this.deployment.resource())
			.headlessUserAgent("http://127.0.0.1/callback")
			.timeout(Duration.ofSeconds(10))
			.build()) {
			McpSyncClient client = McpClient.sync(transport(oauth)).requestTimeout(Duration.ofSeconds(20)).build();
			try {
				client.initialize();
				assertThat(text(client.callTool(new McpSchema.CallToolRequest("whoami", Map.of())))).contains("demo-user");

				assertThatThrownBy(() -> client
					.callTool(new McpSchema.CallToolRequest("get_weather", Map.of("city", "Oslo"))))
					.isInstanceOf(RuntimeException.class);
			}
			finally {
				client.closeGracefully();
			}
			// One authorization to connect, then exactly three for get_weather: each MCP call has its own budget, and
			// the transport gives up after as many replays.
			assertThat(this.deployment.authorizationRequests()).hasSize(4);
			assertThat(oauth.authorizations()).isEqualTo(4);
			assertThat(oauth.stepUps()).isEqualTo(3);
		}
	}

	private HttpClientStreamableHttpTransport transport(McpOAuthClient oauth) {
		return HttpClientStreamableHttpTransport.builder(this.deployment.rs.origin())
			.endpoint("/mcp")
			.httpRequestCustomizer(oauth.requestCustomizer())
			.authorizationErrorHandler(oauth.authorizationErrorHandler())
			.build();
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	private static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
