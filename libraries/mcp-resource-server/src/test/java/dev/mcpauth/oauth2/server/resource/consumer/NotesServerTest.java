package dev.mcpauth.oauth2.server.resource.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.mcpauth.oauth2.server.resource.jwt.ValidatedTokenCache;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The consumer application over real HTTP on a loopback port, with tokens from a stand-in authorization server
 * that serves its JWKS on loopback: the metadata document, the 401 discovery challenge, a token for another audience
 * refused, the tool called with the right scope, and the 403 {@code insufficient_scope} step-up naming the scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "server.address=127.0.0.1", "spring.ai.mcp.server.name=notes",
				"spring.ai.mcp.server.protocol=STREAMABLE", "spring.ai.mcp.server.streamable-http.mcp-endpoint=/mcp",
				"mcp.resource-server.issuer=" + TestAuthorizationServer.ISSUER,
				"mcp.resource-server.resource-name=Notes" })
class NotesServerTest {

	private static final int PORT = freePort();

	private static final String ORIGIN = "http://localhost:" + PORT;

	private static final String RESOURCE = ORIGIN + "/mcp";

	private static final String METADATA_URL = ORIGIN + "/.well-known/oauth-protected-resource/mcp";

	private final TestAuthorizationServer authorizationServer = TestAuthorizationServer.get();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("mcp.resource-server.resource", () -> RESOURCE);
		registry.add("mcp.resource-server.jwk-set-uri", () -> TestAuthorizationServer.get().jwkSetUri());
	}

	@Test
	void rs01PublishesTheProtectedResourceMetadataWithoutAToken() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(METADATA_URL)).GET());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = JsonMapper.builder().build().readTree(response.body());
		assertThat(metadata.get("resource").asString()).isEqualTo(RESOURCE);
		assertThat(metadata.get("authorization_servers").toString())
			.isEqualTo("[\"" + TestAuthorizationServer.ISSUER + "\"]");
		assertThat(metadata.get("scopes_supported").toString()).isEqualTo("[\"mcp:connect\"]");
		assertThat(metadata.get("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
		assertThat(metadata.get("resource_name").asString()).isEqualTo("Notes");
	}

	@Test
	void rs03NoTokenGetsTheDiscoveryChallengeWithResourceMetadataAndScope() throws Exception {
		// dpop.mode=optional (the default): the Bearer challenge first, then the DPoP one (RFC 9449 section 7.1)
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(RESOURCE))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate"))
			.containsExactly("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:connect\"",
					"DPoP algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\", resource_metadata=\""
							+ METADATA_URL + "\", scope=\"mcp:connect\"");
	}

	@Test
	void rs07TokenForAnotherAudienceIsRefused() {
		AtomicReference<String> token = new AtomicReference<>(
				this.authorizationServer.token("http://localhost:8002/mcp", "mcp:connect notes:read"));
		try (McpSyncClient client = client(token)) {
			assertThatThrownBy(client::initialize).hasRootCauseInstanceOf(
					McpHttpClientTransportAuthorizationException.class)
				.rootCause()
				.satisfies((cause) -> {
					McpHttpClientTransportAuthorizationException refused = (McpHttpClientTransportAuthorizationException) cause;
					assertThat(refused.getResponseInfo().statusCode()).isEqualTo(401);
					assertThat(refused.getResponseInfo().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
							(challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\"")
								.contains("resource_metadata=\"" + METADATA_URL + "\""));
				});
		}
	}

	@Test
	void rs12ToolRunsWithItsScopeAndIsRefusedWith403InsufficientScopeWithout() {
		AtomicReference<String> token = new AtomicReference<>(this.authorizationServer.token(RESOURCE, "mcp:connect"));
		try (McpSyncClient client = client(token)) {
			client.initialize();
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("read_note");
			McpSchema.CallToolRequest read = new McpSchema.CallToolRequest("read_note", Map.of("title", "groceries"));

			assertThatThrownBy(() -> client.callTool(read))
				.isInstanceOfSatisfying(McpHttpClientTransportAuthorizationException.class, (refused) -> {
					assertThat(refused.getResponseInfo().statusCode()).isEqualTo(403);
					assertThat(refused.getResponseInfo().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
							(challenge) -> assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\"")
								.contains("scope=\"mcp:connect notes:read\"",
										"resource_metadata=\"" + METADATA_URL + "\""));
				});

			token.set(this.authorizationServer.token(RESOURCE, "mcp:connect notes:read"));
			McpSchema.CallToolResult result = client.callTool(read);
			assertThat(result.isError()).isFalse();
			assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("groceries")
				.contains("alice");
		}
	}

	@Test
	void theMcpChainHasExactlyTheFiltersABearerOnlyStatelessChainNeedsInOrder() {
		SecurityFilterChain chain = this.context.getBean("mcpResourceServerSecurityFilterChain",
				SecurityFilterChain.class);

		// no LogoutFilter, SecurityContextHolderAwareRequestFilter, HeaderWriterFilter, session or CSRF filter,
		// request cache or DisableEncodeUrlFilter; Spring's metadata and DPoP filters are installed by the DSL
		// itself and never see a request this chain answers earlier or hides the credentials of
		assertThat(chain.getFilters()).extracting((filter) -> filter.getClass().getSimpleName())
			.containsExactly("WebAsyncManagerIntegrationFilter", "SecurityContextHolderFilter",
					"ProtectedResourceMetadataFilter", "ApiResponseHeadersFilter", "OriginValidationFilter",
					"CorsFilter", "OAuth2ProtectedResourceMetadataFilter", "DpopAuthenticationFilter",
					"BearerTokenAuthenticationFilter", "AuthenticationFilter", "DpopCredentialsRestoringFilter",
					"AnonymousAuthenticationFilter", "ExceptionTranslationFilter", "JsonRpcRequestFilter",
					"AuthorizationFilter", "SessionBindingFilter");
	}

	@Test
	void thereIsNoLogoutEndpointAPostToItWithoutATokenGetsTheChallenge() throws Exception {
		HttpResponse<String> post = send(
				HttpRequest.newBuilder(URI.create(ORIGIN + "/logout")).POST(HttpRequest.BodyPublishers.noBody()));
		HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(ORIGIN + "/logout")).GET());

		// before: LogoutFilter answered 302 to /login?logout
		assertThat(post.statusCode()).isEqualTo(401);
		assertThat(post.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:connect\"");
		assertThat(post.headers().firstValue("Location")).isEmpty();
		assertThat(get.statusCode()).isEqualTo(401);
	}

	@Test
	void answersCarryTheSecurityHeadersAndTheMetadataKeepsItsOwnCaching() throws Exception {
		HttpResponse<String> challenge = send(HttpRequest.newBuilder(URI.create(RESOURCE))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));
		HttpResponse<String> metadata = send(HttpRequest.newBuilder(URI.create(METADATA_URL)).GET());

		assertThat(challenge.statusCode()).isEqualTo(401);
		assertThat(challenge.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(challenge.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(challenge.headers().allValues("Cache-Control")).containsExactly("no-store");
		assertThat(challenge.headers().firstValue("Strict-Transport-Security")).as("plain HTTP").isEmpty();
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(metadata.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(metadata.headers().allValues("Cache-Control")).containsExactly("public, max-age=300");
		assertThat(metadata.headers().firstValue("Pragma")).isEmpty();
		assertThat(metadata.headers().firstValue("Expires")).isEmpty();
	}

	@Test
	void anAuthorizedAnswerIsNeverStored() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(RESOURCE))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("Authorization", "Bearer " + this.authorizationServer.token(RESOURCE, "mcp:connect"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
					+ "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
					+ "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(String.join(", ", response.headers().allValues("Cache-Control"))).contains("no-store");
	}

	@Test
	void theAutoConfiguredChainAndDecoderReplaceSpringBootsDefaults() {
		assertThat(this.context.getBeansOfType(SecurityFilterChain.class))
			.containsOnlyKeys("mcpResourceServerSecurityFilterChain");
		assertThat(this.context.getBean(JwtDecoder.class)).isInstanceOf(ValidatedTokenCache.class);
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class)).as("no generated user").isEmpty();
	}

	private static McpSyncClient client(AtomicReference<String> token) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(ORIGIN)
			.endpoint("/mcp")
			.httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization",
					"Bearer " + token.get()))
			.build();
		return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
