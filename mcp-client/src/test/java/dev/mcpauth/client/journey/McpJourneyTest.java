package dev.mcpauth.client.journey;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpauth.client.ClientCommandAccess;
import dev.mcpauth.client.config.McpClientProperties;
import dev.mcpauth.client.trace.TracePrinter;
import dev.mcpauth.client.trace.Verbosity;
import dev.mcpauth.oauth2.client.AuthorizationGrant;
import dev.mcpauth.oauth2.client.dpop.DpopMode;
import dev.mcpauth.oauth2.client.support.FakeMcpDeployment;
import dev.mcpauth.oauth2.client.support.LoopbackServer;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole journey through the MCP Java SDK transport against a fake authorization server and MCP server over real
 * loopback HTTP: discovery, CIMD, PKCE, tool calls, step-up and retry, and the trace of docs/contracts.md.
 */
class McpJourneyTest {

	private static final List<ToolCall> DEMO = List.of(new ToolCall("whoami", Map.of(), false),
			new ToolCall("get_weather", Map.of("city", "Paris"), true));

	private FakeMcpDeployment deployment;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void start() throws Exception {
		this.deployment = new FakeMcpDeployment();
	}

	@AfterEach
	void stop() {
		this.deployment.close();
	}

	@Test
	void completesTheDemoJourneyWithCimdPkceAndStepUp() { // CL-11, CL-18, CL-20, CL-21, CL-22
		int exit = run(DEMO);

		String resource = this.deployment.resource();
		assertThat(exit).as(stderr()).isZero();
		assertThat(stdout().lines()).containsSubsequence("[1] Discovery",
				"    401 challenge -> resource_metadata=" + this.deployment.rs.origin()
						+ "/.well-known/oauth-protected-resource/mcp scope=mcp:connect",
				"    PRM: resource=" + resource + " as=[" + this.deployment.as.origin() + "] scopes=[mcp:connect]",
				"    AS metadata discovered at " + this.deployment.as.origin() + "/.well-known/oauth-authorization-server",
				"[2] Authorization (CIMD + PKCE) for base scope",
				"    CIMD document fetched by the authorization server (GET /client-metadata.json)",
				"    token: scope=mcp:connect aud=" + resource, "[3] Call tool 'whoami'",
				"    result: {\"sub\":\"demo-user\"}", "[4] Call tool 'get_weather' (expect insufficient scope)",
				"    403 insufficient_scope -> scope=\"mcp:connect weather:read\"",
				"[5] Step-up re-authorization for the extra scope", "    token: scope=mcp:connect weather:read aud=" + resource,
				"[6] Retry 'get_weather' with stepped-up token", "    result: Sunny in Paris",
				"=== Success: full CIMD + OAuth 2.1 + step-up flow completed ===");
		assertThat(stdout()).containsPattern("registration: CIMD client_id=http://localhost:\\d+/client-metadata.json");

		List<Map<String, String>> authorizations = this.deployment.authorizationRequests();
		assertThat(authorizations).extracting(a -> a.get("scope")).containsExactly("mcp:connect", "mcp:connect weather:read");
		assertThat(authorizations).extracting(a -> a.get("resource")).containsOnly(resource);
		assertThat(authorizations).extracting(a -> a.get("state")).doesNotHaveDuplicates();
		assertThat(authorizations).extracting(a -> a.get("code_challenge")).doesNotHaveDuplicates();
		// CL-22: after the first 401, every MCP request carries the bearer token
		List<LoopbackServer.Request> mcp = this.deployment.rs.requests().stream().filter(r -> r.path().equals("/mcp")).toList();
		assertThat(mcp.subList(1, mcp.size())).allSatisfy(r -> assertThat(r.headers().getFirst("Authorization")).startsWith("Bearer "));
		assertThat(stderr()).isEmpty();
	}

	@Test
	void neverPrintsTokensOrCodes() {
		run(DEMO);

		String trace = stdout();
		assertThat(trace).doesNotContain("eyJhbGciOiJub25lIn0.").doesNotContain("code-");
	}

	@Test
	void verboseOutputShowsNoTokenCodeOrVerifierEvenWhenItFails() { // issue 4 item 5: nothing secret is printed
		this.deployment.expiresIn = 0; // refresh tokens in play too
		run(DEMO, Verbosity.VERBOSE);
		this.deployment.tokenError = "invalid_grant";
		run(DEMO, Verbosity.VERBOSE); // a failure: --verbose adds the stack trace

		String printed = stdout() + stderr();
		assertThat(printed).contains("    . GET ").contains("at dev.mcpauth.client");
		assertThat(printed).doesNotContain("eyJhbGciOiJub25lIn0.").doesNotContain("code-").doesNotContain("refresh-");
		assertThat(this.deployment.tokenRequests()).extracting(t -> t.get("code_verifier"))
			.filteredOn(java.util.Objects::nonNull)
			.isNotEmpty()
			.allSatisfy(verifier -> assertThat(printed).doesNotContain(verifier));
	}

	@Test
	void reportsAnAuthorizationErrorInOneLineWithoutTheServersControlCharacters() { // OAuth 2.1 section 4.1.2.1
		this.deployment.authorizationError = "access_denied";

		int exit = run(DEMO);

		assertThat(exit).isEqualTo(1);
		assertThat(stderr().lines()).singleElement()
			.isEqualTo("mcp-client: authorization server refused the authorization request: access_denied "
					+ "(The user said no. mcp-client: forged line [2J)");
		assertThat(this.deployment.tokenRequests()).isEmpty();
	}

	@Test
	void reportsATokenEndpointErrorInOneLine() { // e.g. invalid_target (RFC 8707 section 2) or invalid_grant
		this.deployment.tokenError = "invalid_target";

		int exit = run(DEMO);

		assertThat(exit).isEqualTo(1);
		assertThat(stderr().lines()).singleElement()
			.isEqualTo("mcp-client: token endpoint refused the authorization_code grant: invalid_target (refused)");
	}

	@Test
	void namesTheCommandLineOptionWhenTheAuthorizationServerWantsAPerson() { // headless meets a login page
		this.deployment.loginPage = true;

		int exit = run(DEMO);

		assertThat(exit).isEqualTo(1);
		assertThat(stderr().lines()).singleElement()
			.isEqualTo("mcp-client: the authorization server answered with a page (HTTP 200, a login or consent form?); "
					+ "headless mode cannot fill it in: run with --mcp-client.headless=false");
	}

	@Test
	void namesTheCredentialOptionsWhenTheServerOffersNoRegistration() { // CL-15: pre-registration is all that is left
		this.deployment.cimdSupported = false;
		this.deployment.registrationOffered = false;

		int exit = run(DEMO);

		assertThat(exit).isEqualTo(1);
		assertThat(stderr().lines()).singleElement()
			.isEqualTo("mcp-client: authorization server " + this.deployment.as.origin() + " supports neither Client ID "
					+ "Metadata Documents nor dynamic client registration; configure pre-registered credentials "
					+ "(--mcp-client.client-id / MCP_CLIENT_ID)");
		assertThat(this.deployment.authorizationRequests()).isEmpty();
	}

	@Test
	void refusesAPlain403AsStepUp() { // checklist section 4.3: trigger is 403 with insufficient_scope only
		this.deployment.plainForbidden = true;

		int exit = run(DEMO);

		assertThat(exit).isEqualTo(1);
		assertThat(stderr().lines()).singleElement()
			.asString()
			.startsWith("mcp-client: the MCP server answered HTTP 403 (error=invalid_token) to get_weather");
		assertThat(this.deployment.authorizationRequests()).hasSize(1);
	}

	@Test
	void stopsBeforeAuthorizingWhenThePrmNamesAnotherResource() { // CL-03
		this.deployment.prmResourceOverride = "https://evil.example.test/mcp";

		int exit = run(DEMO);

		assertThat(exit).isEqualTo(1);
		assertThat(stderr().lines()).singleElement().asString().contains("must not be used (RFC 9728 section 3.3)");
		assertThat(this.deployment.as.requests()).isEmpty();
	}

	@Test
	void refusesAnAuthorizationServerWithoutS256() { // CL-07
		this.deployment.pkceAdvertised = false;

		int exit = run(DEMO);

		assertThat(exit).isEqualTo(1);
		assertThat(stderr()).contains("does not advertise PKCE S256");
		assertThat(this.deployment.authorizationRequests()).isEmpty();
	}

	@Test
	void stopsWhenTheStepUpDoesNotGrantTheChallengedScope() { // checklist section 4.3: do not loop
		this.deployment.grantBaseScopeOnly = true;

		int exit = run(DEMO);

		assertThat(exit).isEqualTo(1);
		assertThat(this.deployment.authorizationRequests()).hasSize(2);
		assertThat(stderr().lines()).singleElement()
			.isEqualTo("mcp-client: the authorization server did not grant weather:read needed by get_weather (granted: mcp:connect)");
	}

	@Test
	void makesAtMostThreeAuthorizationAttemptsForOneCall() { // CL-20, auth/scope-retry-limit
		this.deployment.neverEnoughScope = true;

		int exit = run(DEMO);

		assertThat(exit).isEqualTo(1);
		// one for connecting, then at most three for get_weather
		assertThat(this.deployment.authorizationRequests()).hasSizeBetween(2, 4);
		assertThat(stderr().lines()).hasSize(1);
	}

	@Test
	void refreshesAnExpiredTokenWithTheSameResourceAndNoWiderScope() { // issue 4 item 5, CL-21, CL-24
		this.deployment.expiresIn = 0;

		int exit = run(DEMO);

		assertThat(exit).as(stderr()).isZero();
		List<Map<String, String>> refreshes = this.deployment.tokenRequests()
			.stream()
			.filter(t -> "refresh_token".equals(t.get("grant_type")))
			.toList();
		assertThat(refreshes).isNotEmpty()
			.allSatisfy(t -> assertThat(t).containsEntry("resource", this.deployment.resource()).doesNotContainKey("scope"));
		assertThat(this.deployment.authorizationRequests()).hasSize(2); // refresh never replaces the step-up
		assertThat(stdout()).contains("refreshed the access token with the refresh token").doesNotContain("refresh-");
	}

	@Test
	void interactiveModeReceivesTheCodeOnTheLoopbackListener() throws Exception { // CL-16, RFC 8252 section 7.3
		McpClientProperties interactive = properties(false, DEMO);
		CompletableFuture<Integer> exit = CompletableFuture
			.supplyAsync(() -> execute(interactive, DEMO));
		HttpClient browser = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.ALWAYS)
			.build();
		int visited = 0;
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!exit.isDone() && System.nanoTime() < deadline) {
			List<String> urls = stderr().lines().filter(l -> l.startsWith("http")).toList();
			if (urls.size() > visited) { // the user opens the printed URL; the AS redirects to the listener
				browser.send(HttpRequest.newBuilder(URI.create(urls.get(visited))).build(),
						HttpResponse.BodyHandlers.discarding());
				visited++;
			}
			Thread.sleep(20);
		}

		assertThat(exit.get(5, TimeUnit.SECONDS)).as(stderr()).isZero();
		assertThat(visited).isEqualTo(2); // base authorization and step-up
		assertThat(this.deployment.authorizationRequests()).extracting(a -> a.get("redirect_uri"))
			.allMatch(uri -> uri.matches("http://127\\.0\\.0\\.1:\\d+/callback"));
		assertThat(stdout()).contains("=== Success: full CIMD + OAuth 2.1 + step-up flow completed ===");
	}

	@Test
	void skipsToolsTheServerDoesNotList() {
		int exit = run(List.of(new ToolCall("whoami", Map.of(), false), new ToolCall("delete_everything", Map.of(), false)));

		assertThat(exit).isZero();
		assertThat(stdout()).contains("skipped tool 'delete_everything': the server does not list it")
			.contains("=== Success: full CIMD + OAuth 2.1 flow completed ===");
	}

	private int run(List<ToolCall> calls) {
		return run(calls, Verbosity.NORMAL);
	}

	private int run(List<ToolCall> calls, Verbosity verbosity) {
		return execute(properties(true, calls), calls, verbosity);
	}

	private static McpClientProperties properties(boolean headless, List<ToolCall> calls) {
		return new McpClientProperties(headless, null, null, new McpClientProperties.Cimd(null, 0, "127.0.0.1", null),
				"Journey test client", "http://127.0.0.1/callback", Duration.ofSeconds(10), Duration.ofSeconds(10), calls,
				AuthorizationGrant.AUTHORIZATION_CODE, null, null, DpopMode.AUTO);
	}

	private int execute(McpClientProperties properties, List<ToolCall> calls) {
		return execute(properties, calls, Verbosity.NORMAL);
	}

	private int execute(McpClientProperties properties, List<ToolCall> calls, Verbosity verbosity) {
		return ClientCommandAccess.execute(properties, JsonMapper.builder().build(), new PrintStream(this.out, true),
				new PrintStream(this.err, true), URI.create(this.deployment.resource()), calls,
				new TracePrinter(new PrintStream(this.out, true), verbosity));
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
