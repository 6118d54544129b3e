package dev.mcpauth.oauth2.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.dpop.DpopMode;
import dev.mcpauth.oauth2.client.support.FakeMcpDeployment;
import dev.mcpauth.oauth2.client.support.LoopbackServer;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DPoP (RFC 9449) end to end over real HTTP, through the MCP Java SDK transport: a proof on every token request and
 * every MCP request, the DPoP scheme only for DPoP tokens, and one retry (never a loop) on use_dpop_nonce from the
 * authorization server (section 8) and from the MCP server (section 9). The fake checks every proof with Nimbus.
 */
class DpopFlowTest {

	private FakeMcpDeployment deployment;

	private final List<String> trace = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws Exception {
		this.deployment = new FakeMcpDeployment();
		this.deployment.cimdSupported = false;
		this.deployment.dpop = true;
	}

	@AfterEach
	void stop() {
		this.deployment.close();
	}

	@Test
	void bindsTokensAndSendsAFreshProofWithEveryRequest() throws Exception {
		try (McpOAuthClient oauth = client(DpopMode.AUTO)) {
			runJourney(oauth);

			assertThat(this.deployment.problems).isEmpty();
			List<LoopbackServer.Request> withToken = mcpRequestsWithToken();
			assertThat(withToken).isNotEmpty()
				.allSatisfy(r -> assertThat(r.headers().getFirst("Authorization")).startsWith("DPoP "))
				.allSatisfy(r -> assertThat(r.headers().getFirst("DPoP")).isNotBlank());
			// token requests (code exchange + step-up) and MCP POSTs (the fake checks no other method): one proof each,
			// all with distinct jti
			List<SignedJWT> proofs = this.deployment.proofs;
			assertThat(proofs).hasSize(2 + (int) withToken.stream().filter(r -> r.method().equals("POST")).count());
			assertThat(proofs).extracting(p -> claim(p, "jti")).doesNotHaveDuplicates();
			assertThat(proofs).extracting(DpopFlowTest::thumbprint).containsOnly(oauth.dpopKeyThumbprint().orElseThrow());
			assertThat(proofs).filteredOn(p -> htu(p).endsWith("/token"))
				.hasSize(2)
				.allSatisfy(p -> assertThat(claim(p, "ath")).isNull());
			assertThat(proofs).filteredOn(p -> htu(p).endsWith("/mcp")).allSatisfy(p -> assertThat(claim(p, "ath")).isNotNull());
			assertThat(this.trace).anyMatch(l -> l.contains("key jkt=" + oauth.dpopKeyThumbprint().orElseThrow()))
				.contains("token_type=DPoP: bound to the client's key jkt=" + oauth.dpopKeyThumbprint().orElseThrow())
				.anyMatch(l -> l.startsWith("DPoP proof attached: htm=POST htu=" + this.deployment.resource() + " nonce=no"));
			assertThat(String.join("\n", this.trace)).doesNotContain(proofs.get(0).serialize())
				.doesNotContain(withToken.get(0).headers().getFirst("Authorization").substring(5));
		}
	}

	@Test
	void refreshesWithAProofAndKeepsTheTokenBound() throws Exception { // RFC 9449 section 5
		this.deployment.expiresIn = 0; // every token has expired by its first use: the client refreshes each time
		try (McpOAuthClient oauth = client(DpopMode.AUTO)) {
			runJourney(oauth);
		}
		List<LoopbackServer.Request> refreshes = this.deployment.as.requests()
			.stream()
			.filter(r -> r.path().equals("/token") && r.body().contains("grant_type=refresh_token"))
			.toList();
		assertThat(refreshes).isNotEmpty().allSatisfy(r -> assertThat(r.headers().getFirst("DPoP")).isNotBlank());
		assertThat(mcpRequestsWithToken()).allSatisfy(r -> assertThat(r.headers().getFirst("Authorization")).startsWith("DPoP "));
		assertThat(this.deployment.problems).isEmpty();
	}

	@Test
	void staysWithBearerWhenTheServerDoesNotAnnounceDpop() throws Exception {
		this.deployment.dpop = false;
		try (McpOAuthClient oauth = client(DpopMode.AUTO)) {
			runJourney(oauth);
		}
		assertNoDpopAnywhere();
	}

	@Test
	void sendsNoProofWhenDpopIsOff() throws Exception {
		try (McpOAuthClient oauth = client(DpopMode.OFF)) {
			runJourney(oauth);
			assertThat(oauth.dpopKeyThumbprint()).isEmpty();
		}
		assertNoDpopAnywhere();
	}

	@Test
	void usesTheDpopSchemeOnlyForTokensOfTypeDpop() throws Exception { // RFC 9449 section 5: the AS may issue Bearer
		this.deployment.dpopButBearerTokens = true;
		try (McpOAuthClient oauth = client(DpopMode.AUTO)) {
			runJourney(oauth);
		}
		assertThat(this.deployment.as.requests()).filteredOn(r -> r.path().equals("/token"))
			.allSatisfy(r -> assertThat(r.headers().getFirst("DPoP")).isNotBlank());
		assertThat(mcpRequestsWithToken()).isNotEmpty()
			.allSatisfy(r -> assertThat(r.headers().getFirst("Authorization")).startsWith("Bearer "))
			.allSatisfy(r -> assertThat(r.headers().containsKey("DPoP")).isFalse());
	}

	@Test
	void retriesTheTokenRequestOnceWithTheAuthorizationServersNonce() throws Exception {
		this.deployment.asNonceRequired = true;
		try (McpOAuthClient oauth = client(DpopMode.AUTO)) {
			runJourney(oauth);
		}
		List<SignedJWT> tokenProofs = this.deployment.proofs.stream().filter(p -> htu(p).endsWith("/token")).toList();
		// the first proof has no nonce and gets 400 use_dpop_nonce; the retry and the step-up carry it
		assertThat(tokenProofs).extracting(DpopFlowTest::nonce)
			.containsExactly(null, FakeMcpDeployment.AS_NONCE, FakeMcpDeployment.AS_NONCE);
		assertThat(this.trace).filteredOn(l -> l.contains("400 use_dpop_nonce")).hasSize(1);
		assertThat(this.deployment.problems).isEmpty();
	}

	@Test
	void retriesTheMcpRequestOnceWithTheMcpServersNonce() throws Exception {
		this.deployment.rsNonceRequired = true;
		try (McpOAuthClient oauth = client(DpopMode.AUTO)) {
			runJourney(oauth);
		}
		List<SignedJWT> mcpProofs = this.deployment.proofs.stream().filter(p -> htu(p).endsWith("/mcp")).toList();
		assertThat(nonce(mcpProofs.get(0))).isNull();
		assertThat(mcpProofs.subList(1, mcpProofs.size())).isNotEmpty()
			.allSatisfy(p -> assertThat(nonce(p)).isEqualTo(FakeMcpDeployment.RS_NONCE));
		assertThat(this.trace).filteredOn(l -> l.contains("401 use_dpop_nonce")).hasSize(1);
	}

	@Test
	void givesUpWhenTheAuthorizationServerAsksForANonceAgain() throws Exception {
		this.deployment.asNonceNeverAccepted = true;
		try (McpOAuthClient oauth = client(DpopMode.AUTO)) {
			McpSyncClient client = McpClient.sync(transport(oauth)).requestTimeout(Duration.ofSeconds(20)).build();
			assertThatThrownBy(client::initialize).isInstanceOf(RuntimeException.class);
			client.close();

			assertThat(oauth.failure()).get()
				.extracting(Throwable::getMessage)
				.asString()
				.contains("use_dpop_nonce after the retry with its own nonce");
		}
		assertThat(this.deployment.as.requests()).filteredOn(r -> r.path().equals("/token")).hasSize(2);
	}

	@Test
	void givesUpWhenTheMcpServerAsksForANonceAgain() throws Exception {
		this.deployment.rsNonceNeverAccepted = true;
		try (McpOAuthClient oauth = client(DpopMode.AUTO)) {
			McpSyncClient client = McpClient.sync(transport(oauth)).requestTimeout(Duration.ofSeconds(20)).build();
			assertThatThrownBy(client::initialize).isInstanceOf(RuntimeException.class);
			client.close();

			assertThat(oauth.failure()).get()
				.extracting(Throwable::getMessage)
				.asString()
				.contains("401 use_dpop_nonce to initialize again after the retry");
		}
		// one request with the token and no nonce, one retry with it, and no third
		assertThat(mcpRequestsWithToken()).hasSize(2);
	}

	private void runJourney(McpOAuthClient oauth) {
		McpSyncClient client = McpClient.sync(transport(oauth)).requestTimeout(Duration.ofSeconds(20)).build();
		try {
			client.initialize();
			assertThat(text(client.callTool(new McpSchema.CallToolRequest("whoami", Map.of())))).contains("demo-user");
			assertThat(text(client.callTool(new McpSchema.CallToolRequest("get_weather", Map.of("city", "Oslo")))))
				.isEqualTo("Sunny in Oslo");
		}
		finally {
			client.closeGracefully();
		}
		assertThat(oauth.stepUps()).isEqualTo(1);
	}

	private void assertNoDpopAnywhere() {
		assertThat(this.deployment.as.requests()).allSatisfy(r -> assertThat(r.headers().containsKey("DPoP")).isFalse());
		assertThat(this.deployment.rs.requests()).allSatisfy(r -> assertThat(r.headers().containsKey("DPoP")).isFalse());
		assertThat(mcpRequestsWithToken()).isNotEmpty()
			.allSatisfy(r -> assertThat(r.headers().getFirst("Authorization")).startsWith("Bearer "));
	}

	private List<LoopbackServer.Request> mcpRequestsWithToken() {
		return this.deployment.rs.requests()
			.stream()
			.filter(r -> r.path().equals("/mcp") && r.headers().containsKey("Authorization"))
			.toList();
	}

	private McpOAuthClient client(DpopMode mode) {
		return McpOAuthClient.builder(this.deployment.resource())
			.headlessUserAgent("http://127.0.0.1/callback")
			.timeout(Duration.ofSeconds(10))
			.dpop(mode)
			.listener(new AuthorizationTraceListener() {
				@Override
				public void detail(String line) {
					DpopFlowTest.this.trace.add(line);
				}

				@Override
				public void verbose(String line) {
					DpopFlowTest.this.trace.add(line);
				}
			})
			.build();
	}

	private HttpClientStreamableHttpTransport transport(McpOAuthClient oauth) {
		return HttpClientStreamableHttpTransport.builder(this.deployment.rs.origin())
			.endpoint("/mcp")
			.httpRequestCustomizer(oauth.requestCustomizer())
			.authorizationErrorHandler(oauth.authorizationErrorHandler())
			.build();
	}

	private static String htu(SignedJWT proof) {
		return claim(proof, "htu");
	}

	private static String nonce(SignedJWT proof) {
		return claim(proof, "nonce");
	}

	private static String claim(SignedJWT proof, String name) {
		try {
			return proof.getJWTClaimsSet().getStringClaim(name);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String thumbprint(SignedJWT proof) {
		try {
			return proof.getHeader().getJWK().computeThumbprint().toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

}
