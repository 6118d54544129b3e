package dev.mcpauth.oauth2.server.resource.dpop;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.mcpauth.oauth2.server.resource.consumer.NotesServerApplication;
import dev.mcpauth.oauth2.server.resource.jwt.ValidatedTokenCache;
import dev.mcpauth.oauth2.server.resource.support.DpopKey;
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
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DPoP (RFC 9449) in the default {@code optional} mode, over real HTTP against the consumer application: a bound
 * token works through the real MCP endpoint with a valid proof only, and every way of using a stolen bound token
 * is refused with the {@code WWW-Authenticate: DPoP} challenge (RFC 9449 section 7.1) carrying
 * {@code resource_metadata} (RS-03, RS-04, RS-08). Unbound Bearer tokens keep working.
 */
@SpringBootTest(classes = NotesServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "server.address=127.0.0.1", "spring.ai.mcp.server.name=notes",
				"spring.ai.mcp.server.protocol=STREAMABLE", "spring.ai.mcp.server.streamable-http.mcp-endpoint=/mcp",
				"mcp.resource-server.issuer=" + TestAuthorizationServer.ISSUER })
class DpopOptionalModeTest {

	private static final int PORT = DpopHttp.freePort();

	private static final String ORIGIN = "http://localhost:" + PORT;

	private static final String RESOURCE = ORIGIN + "/mcp";

	private static final String METADATA_URL = ORIGIN + "/.well-known/oauth-protected-resource/mcp";

	private static final String ALGS = "algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\"";

	private final TestAuthorizationServer authorizationServer = TestAuthorizationServer.get();

	private final DpopHttp http = new DpopHttp();

	private final DpopKey key = new DpopKey();

	@Autowired
	private JwtDecoder decoder;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("mcp.resource-server.resource", () -> RESOURCE);
		registry.add("mcp.resource-server.jwk-set-uri", () -> TestAuthorizationServer.get().jwkSetUri());
	}

	@Test
	void rfc9449s7_1BoundTokenWithAValidProofListsAndCallsToolsThroughTheMcpEndpoint() {
		String token = boundToken("mcp:connect notes:read");
		try (McpSyncClient client = client(token, this.key)) {
			client.initialize();
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("read_note");
			McpSchema.CallToolResult result = client
				.callTool(new McpSchema.CallToolRequest("read_note", Map.of("title", "groceries")));

			assertThat(result.isError()).isFalse();
			assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("groceries", "alice");
		}
	}

	@Test
	void rfc9449s7_1StolenBoundTokenWithoutAProofIsRefused() {
		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization",
				"DPoP " + boundToken("mcp:connect"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response)).singleElement()
			.satisfies((challenge) -> assertThat(challenge).startsWith("DPoP " + ALGS + ", error=\"invalid_dpop_proof\"")
				.contains("resource_metadata=\"" + METADATA_URL + "\""));
		assertThat(response.body()).contains("\"error\":\"invalid_dpop_proof\"");
	}

	@Test
	void rfc9449s7_1StolenBoundTokenWithAProofFromAnotherKeyIsRefusedAsAKeyBindingFailure() {
		String token = boundToken("mcp:connect");
		DpopKey thief = new DpopKey();

		HttpResponse<String> response = initialize(token, thief.proof("POST", RESOURCE, token));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response)).singleElement()
			.isEqualTo("DPoP " + ALGS + ", error=\"invalid_token\", error_description=\"Invalid DPoP key binding\", "
					+ "resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:connect\"");
	}

	@Test
	void rfc9449s11_1ReplayedProofIsRefused() {
		String token = boundToken("mcp:connect");
		String proof = this.key.proof("POST", RESOURCE, token);

		assertThat(initialize(token, proof).statusCode()).isEqualTo(200);
		HttpResponse<String> replay = initialize(token, proof);

		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(replay)).singleElement()
			.satisfies((challenge) -> assertThat(challenge).startsWith("DPoP " + ALGS + ", error=\"invalid_dpop_proof\"")
				.contains("already used"));
	}

	@Test
	void rfc9449s4_3ProofForAnotherUrlIsRefused() {
		String token = boundToken("mcp:connect");

		HttpResponse<String> response = initialize(token, this.key.proof("POST", ORIGIN + "/other", token));

		assertInvalidProof(response, "htu");
	}

	@Test
	void rfc9449s4_3ProofForTheSameUrlOnAnotherOriginIsRefused() {
		String token = boundToken("mcp:connect");

		HttpResponse<String> response = initialize(token, this.key.proof("POST", "https://localhost:" + PORT + "/mcp",
				token));

		assertInvalidProof(response, "htu");
	}

	@Test
	void rfc9449s4_3HtuIsComparedAfterRfc3986NormalizationAndWithoutQuery() {
		String token = boundToken("mcp:connect");
		String equivalent = "HTTP://LOCALHOST:" + PORT + "/./%6Dcp?ignored=1#fragment";

		assertThat(initialize(token, this.key.proof("POST", equivalent, token)).statusCode()).isEqualTo(200);
	}

	@Test
	void rfc9449s4_3HtuIsTheConfiguredResourceNotTheUrlTheServerWasReachedAt() {
		// as behind a proxy: the request reaches the server under another host name than the public one
		String token = boundToken("mcp:connect");
		String reachedAt = "http://127.0.0.1:" + PORT + "/mcp";

		HttpResponse<String> publicUrl = this.http.post(reachedAt, DpopHttp.INITIALIZE, "Authorization",
				"DPoP " + token, "DPoP", this.key.proof("POST", RESOURCE, token));
		HttpResponse<String> rawUrl = this.http.post(reachedAt, DpopHttp.INITIALIZE, "Authorization",
				"DPoP " + token, "DPoP", this.key.proof("POST", reachedAt, token));

		assertThat(publicUrl.statusCode()).isEqualTo(200);
		assertInvalidProof(rawUrl, "htu");
	}

	@Test
	void rfc9449s4_3ProofForAnotherMethodIsRefused() {
		String token = boundToken("mcp:connect");

		assertInvalidProof(initialize(token, this.key.proof("GET", RESOURCE, token)), "htm");
	}

	@Test
	void rfc9449s4_3ProofForAnotherTokenIsRefused() {
		String token = boundToken("mcp:connect");
		String other = boundToken("mcp:connect");

		assertInvalidProof(initialize(token, this.key.proof("POST", RESOURCE, other)), "ath");
	}

	@Test
	void rfc9449s4_3ProofWithoutAthIsRefused() {
		String token = boundToken("mcp:connect");

		assertInvalidProof(initialize(token, this.key.proof("POST", RESOURCE, null)), "ath");
	}

	@Test
	void rfc9449s11_1ProofOlderThanTheWindowIsRefused() {
		String token = boundToken("mcp:connect");
		Date sixMinutesAgo = Date.from(Instant.now().minus(Duration.ofMinutes(6)));

		assertInvalidProof(initialize(token, this.key.proof("POST", RESOURCE, token,
				(claims) -> claims.issueTime(sixMinutesAgo))), "too old");
	}

	@Test
	void rfc9449s11_1ProofFromTheFutureIsRefused() {
		String token = boundToken("mcp:connect");
		Date inTwoMinutes = Date.from(Instant.now().plus(Duration.ofMinutes(2)));

		assertInvalidProof(initialize(token, this.key.proof("POST", RESOURCE, token,
				(claims) -> claims.issueTime(inTwoMinutes))), "future");
	}

	@Test
	void rfc9449s4_3ProofWithAnotherTypIsRefused() {
		String token = boundToken("mcp:connect");
		JWSHeader jwt = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
			.jwk(this.key.privateJwk().toPublicJWK())
			.build();

		assertInvalidProof(initialize(token, this.key.proof(jwt, "POST", RESOURCE, token, (claims) -> {
		})), "typ");
	}

	@Test
	void rfc9449s4_3ProofCarryingAPrivateKeyIsRefused() {
		String token = boundToken("mcp:connect");
		String withPrivateKey = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":"
				+ this.key.privateJwk().toJSONString() + "}";

		assertInvalidProof(initialize(token, this.key.proofWithRawHeader(withPrivateKey, "POST", RESOURCE, token)),
				"invalid_dpop_proof");
	}

	@Test
	void rfc9449s4_3ProofWithATamperedSignatureIsRefused() {
		String token = boundToken("mcp:connect");
		String proof = this.key.proof("POST", RESOURCE, token);
		String tampered = proof.substring(0, proof.lastIndexOf('.') + 1) + "A" + proof.substring(proof.lastIndexOf('.') + 2);

		assertThat(initialize(token, tampered).statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(initialize(token, tampered)).get(0)).contains("error=\"invalid_dpop_proof\"");
	}

	@Test
	void rfc9449s4_3MalformedDpopHeaderGets401InvalidDpopProof() {
		HttpResponse<String> response = initialize(boundToken("mcp:connect"), "not-a-jwt");

		assertInvalidProof(response, "not a signed JWT");
	}

	@Test
	void rfc9449s4_3TwoDpopHeadersGet401InvalidDpopProof() {
		String token = boundToken("mcp:connect");

		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization", "DPoP " + token,
				"DPoP", this.key.proof("POST", RESOURCE, token), "DPoP", this.key.proof("POST", RESOURCE, token));

		assertInvalidProof(response, "Exactly one DPoP header");
	}

	@Test
	void rs13MalformedDpopCredentialsGet400InvalidRequest() {
		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization", "DPoP a b");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(DpopHttp.challenges(response)).singleElement()
			.satisfies((challenge) -> assertThat(challenge).startsWith("DPoP " + ALGS + ", error=\"invalid_request\""));
	}

	@Test
	void rfc9449s7_1UnboundTokenWithTheDpopSchemeIsRefused() {
		String token = this.authorizationServer.token(RESOURCE, "mcp:connect");

		HttpResponse<String> response = initialize(token, this.key.proof("POST", RESOURCE, token));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response).get(0)).startsWith("DPoP " + ALGS + ", error=\"invalid_token\"")
			.contains("not DPoP-bound");
	}

	@Test
	void rs08InvalidTokenWithTheDpopSchemeGetsTheDpopInvalidTokenChallenge() {
		String forged = this.authorizationServer.tokenSignedByStranger(RESOURCE, "mcp:connect");

		HttpResponse<String> response = initialize(forged, this.key.proof("POST", RESOURCE, forged));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response).get(0)).startsWith("DPoP " + ALGS + ", error=\"invalid_token\"");
	}

	@Test
	void rfc9449s7_2BoundTokenSentAsBearerIsRefused() {
		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization",
				"Bearer " + boundToken("mcp:connect"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response).get(0)).startsWith("Bearer error=\"invalid_token\"")
			.contains("DPoP scheme", "resource_metadata=\"" + METADATA_URL + "\"");
	}

	@Test
	void rfc9449s7_2BoundTokenAcceptedOnceAndCachedIsStillRefusedWithoutProofAndAsBearer() {
		String token = boundToken("mcp:connect");
		assertThat(initialize(token, this.key.proof("POST", RESOURCE, token)).statusCode()).isEqualTo(200);
		assertThat(this.decoder).isInstanceOf(ValidatedTokenCache.class);

		HttpResponse<String> noProof = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization", "DPoP " + token);
		HttpResponse<String> asBearer = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization",
				"Bearer " + token);
		HttpResponse<String> withTheDpopHeaderButBearer = this.http.post(RESOURCE, DpopHttp.INITIALIZE,
				"Authorization", "Bearer " + token, "DPoP", this.key.proof("POST", RESOURCE, token));

		assertThat(noProof.statusCode()).isEqualTo(401);
		assertThat(asBearer.statusCode()).isEqualTo(401);
		assertThat(withTheDpopHeaderButBearer.statusCode()).isEqualTo(401);
		assertThat(initialize(token, this.key.proof("POST", RESOURCE, token)).statusCode()).isEqualTo(200);
	}

	@Test
	void rfc9449s7_1UnboundBearerTokenStillWorksInOptionalMode() {
		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization",
				"Bearer " + this.authorizationServer.token(RESOURCE, "mcp:connect"));

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void rs03NoCredentialsGetBothTheBearerAndTheDpopChallenge() {
		HttpResponse<String> response = this.http.post(RESOURCE, DpopHttp.INITIALIZE);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response)).containsExactly(
				"Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:connect\"",
				"DPoP " + ALGS + ", resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:connect\"");
	}

	@Test
	void rs12StepUpForADpopBoundTokenIs403InsufficientScopeWithTheDpopScheme() {
		String token = boundToken("mcp:connect");
		try (McpSyncClient client = client(token, this.key)) {
			client.initialize();
			McpSchema.CallToolRequest read = new McpSchema.CallToolRequest("read_note", Map.of("title", "groceries"));

			assertThatThrownBy(() -> client.callTool(read))
				.isInstanceOfSatisfying(McpHttpClientTransportAuthorizationException.class, (refused) -> {
					assertThat(refused.getResponseInfo().statusCode()).isEqualTo(403);
					assertThat(refused.getResponseInfo().headers().allValues("WWW-Authenticate")).singleElement()
						.satisfies((challenge) -> assertThat(challenge)
							.startsWith("DPoP " + ALGS + ", error=\"insufficient_scope\"")
							.contains("scope=\"mcp:connect notes:read\"",
									"resource_metadata=\"" + METADATA_URL + "\""));
				});
		}
	}

	@Test
	void rs01MetadataAdvertisesTheProofAlgorithmsButDoesNotRequireBoundTokens() {
		HttpResponse<String> response = this.http.get(METADATA_URL);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = JsonMapper.builder().build().readTree(response.body());
		assertThat(metadata.get("dpop_signing_alg_values_supported").toString())
			.isEqualTo("[\"ES256\",\"ES384\",\"ES512\",\"PS256\",\"PS384\",\"PS512\",\"RS256\",\"RS384\",\"RS512\"]");
		assertThat(metadata.has("dpop_bound_access_tokens_required")).isFalse();
	}

	private HttpResponse<String> initialize(String token, String proof) {
		return this.http.post(RESOURCE, DpopHttp.INITIALIZE, "Authorization", "DPoP " + token, "DPoP", proof);
	}

	private static void assertInvalidProof(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(DpopHttp.challenges(response)).singleElement()
			.satisfies((challenge) -> assertThat(challenge).startsWith("DPoP " + ALGS + ", error=\"invalid_dpop_proof\"")
				.contains(reason)
				.contains("resource_metadata=\"" + METADATA_URL + "\""));
	}

	private String boundToken(String scope) {
		return this.authorizationServer.token(RESOURCE,
				(claims) -> claims.claim("scope", scope).claim("cnf", this.key.confirmation()));
	}

	/** An MCP client that sends the token with the DPoP scheme and a fresh proof on every request. */
	static McpSyncClient client(String token, DpopKey key) {
		AtomicReference<String> accessToken = new AtomicReference<>(token);
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(ORIGIN)
			.endpoint("/mcp")
			.httpRequestCustomizer((request, method, uri, body, context) -> request
				.header("Authorization", "DPoP " + accessToken.get())
				.header("DPoP", key.proof(method, uri.toString(), accessToken.get())))
			.build();
		return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
	}

}
