package dev.mcpauth.demo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpauth.demo.process.ChildProcess;
import dev.mcpauth.demo.process.ClassDataSharing;
import dev.mcpauth.demo.process.JavaCommand;
import dev.mcpauth.demo.process.LocalPorts;
import dev.mcpauth.demo.process.ReadinessProbe;
import dev.mcpauth.demo.process.ServiceStartException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 across the two real servers, from their runnable jars on random ports and in raw HTTP: the demo agent
 * ({@code demo-agent}, a confidential pre-registered client) gets a DPoP-bound token with the client credentials
 * grant, and the resource server accepts it only with a fresh proof of the same key for its own URL. A thief who
 * holds the token but not the key gets nowhere: without a proof, as a Bearer token, with a proof of another key,
 * with a replayed proof, with a proof made for another URL (RFC 9449 §4.3, §7.1, §7.2, §11.1).
 */
class AgentDpopAcrossRealServersIT {

	static final List<ChildProcess> services = new ArrayList<>();

	static final ClassDataSharing fastStart = FastStart.of(DemoOptions.defaults());

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static String issuer;

	static String resource;

	static String tokenEndpoint;

	static ECKey agentKey;

	@BeforeAll
	static void startServices() throws Exception {
		ServiceJars jars = ServiceJars.locate(null);
		int asPort = LocalPorts.pickFree();
		int rsPort = LocalPorts.pickFree();
		issuer = "http://localhost:" + asPort;
		resource = "http://localhost:" + rsPort + "/mcp";
		agentKey = new ECKeyGenerator(Curve.P_256).generate();
		ChildProcess as = start("auth-server",
				ServiceCommands.authServer(jars.authServer(), asPort, issuer, List.of(resource)));
		ChildProcess rs = start("resource-server",
				ServiceCommands.resourceServer(jars.resourceServer(), rsPort, resource, issuer));
		ReadinessProbe probe = new ReadinessProbe();
		try {
			probe.awaitOk(as, ServiceCommands.authorizationServerMetadata(issuer), Duration.ofSeconds(120));
			probe.awaitOk(rs, ServiceCommands.protectedResourceMetadata(resource), Duration.ofSeconds(120));
		}
		catch (ServiceStartException ex) {
			throw new AssertionError(ex.getMessage() + "\n" + String.join("\n", ex.logTail()));
		}
		JsonNode metadata = JsonMapper.shared()
			.readTree(get(ServiceCommands.authorizationServerMetadata(issuer).toString()).body());
		tokenEndpoint = metadata.get("token_endpoint").stringValue();
		assertThat(metadata.get("grant_types_supported").toString()).contains("client_credentials");
		assertThat(metadata.get("dpop_signing_alg_values_supported").toString()).contains("ES256");
	}

	@AfterAll
	static void stopServices() {
		services.forEach(ChildProcess::close);
	}

	@Test
	void agentGetsADpopBoundTokenForTheResourceAndUsesItWithFreshProofs() throws Exception {
		String token = agentToken();
		JsonNode claims = AuthorizationCodeFlow.claims(token);
		assertThat(claims.get("sub").stringValue()).isEqualTo("demo-agent");
		assertThat(claims.get("aud").toString()).contains(resource);
		assertThat(claims.get("cnf").get("jkt").stringValue()).isEqualTo(agentKey.computeThumbprint().toString());

		HttpResponse<String> first = mcp(token, "DPoP", proof(agentKey, "POST", resource, token));
		HttpResponse<String> second = mcp(token, "DPoP", proof(agentKey, "POST", resource, token));

		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
	}

	@Test
	void stolenTokenWithoutAProofIsRefusedWithADpopChallenge() throws Exception {
		HttpResponse<String> response = mcp(agentToken(), "DPoP", null);

		assertDpopChallenge(response, "invalid_dpop_proof");
	}

	@Test
	void stolenTokenPresentedAsABearerTokenIsRefused() throws Exception { // RFC 9449 §7.2
		HttpResponse<String> response = mcp(agentToken(), "Bearer", null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).anySatisfy(
				(challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
	}

	@Test
	void stolenTokenWithAProofOfTheThiefsOwnKeyIsRefused() throws Exception {
		String token = agentToken();
		ECKey thief = new ECKeyGenerator(Curve.P_256).generate();

		HttpResponse<String> response = mcp(token, "DPoP", proof(thief, "POST", resource, token));

		assertDpopChallenge(response, "invalid_token");
	}

	@Test
	void replayedProofIsRefused() throws Exception { // RFC 9449 §11.1
		String token = agentToken();
		String proof = proof(agentKey, "POST", resource, token);
		assertThat(mcp(token, "DPoP", proof).statusCode()).isEqualTo(200);

		HttpResponse<String> replay = mcp(token, "DPoP", proof);

		assertDpopChallenge(replay, "invalid_dpop_proof");
	}

	@Test
	void proofMadeForAnotherUrlIsRefused() throws Exception { // RFC 9449 §4.3 htu
		String token = agentToken();
		String elsewhere = "http://localhost:" + URI.create(resource).getPort() + "/other-mcp";

		HttpResponse<String> response = mcp(token, "DPoP", proof(agentKey, "POST", elsewhere, token));

		assertDpopChallenge(response, "invalid_dpop_proof");
	}

	@Test
	void clientCredentialsForAResourceTheServerDoesNotKnowIsInvalidTarget() throws Exception { // RFC 8707 §2
		HttpResponse<String> response = tokenRequest("http://localhost:1/unknown-mcp", null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(JsonMapper.shared().readTree(response.body()).get("error").stringValue())
			.isEqualTo("invalid_target");
	}

	private static String agentToken() throws Exception {
		HttpResponse<String> response = tokenRequest(resource, proof(agentKey, "POST", tokenEndpoint, null));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = JsonMapper.shared().readTree(response.body());
		assertThat(body.get("token_type").stringValue()).isEqualTo("DPoP");
		assertThat(body.has("refresh_token")).as("no refresh token for client credentials").isFalse();
		return body.get("access_token").stringValue();
	}

	private static HttpResponse<String> tokenRequest(String resource, String proof) throws Exception {
		String form = Map.of("grant_type", "client_credentials", "resource", resource, "scope", "mcp:connect")
			.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString("demo-agent:demo-agent-secret".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (proof != null) {
			request.header("DPoP", proof);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** An MCP initialize with {@code scheme token} and, when given, the {@code DPoP} proof. */
	private static HttpResponse<String> mcp(String token, String scheme, String proof) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(resource))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("MCP-Protocol-Version", McpHttp.PROTOCOL_VERSION)
			.header("Authorization", scheme + " " + token)
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},
					 "clientInfo":{"name":"agent-dpop-it","version":"1"}}}""".formatted(McpHttp.PROTOCOL_VERSION)));
		if (proof != null) {
			request.header("DPoP", proof);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** An RFC 9449 §4.2 proof: fresh {@code jti}, {@code iat} now, {@code ath} when a token goes along. */
	private static String proof(ECKey key, String method, String url, String accessToken) throws Exception {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", method)
			.claim("htu", url)
			.issueTime(new Date());
		if (accessToken != null) {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
			claims.claim("ath", Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(key.toPublicJWK())
			.build(), claims.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private static void assertDpopChallenge(HttpResponse<String> response, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).as("challenges")
			.anySatisfy((challenge) -> assertThat(challenge).startsWith("DPoP ")
				.contains("error=\"" + error + "\"")
				.contains("algs=\"")
				.contains("resource_metadata=\"" + ServiceCommands.protectedResourceMetadata(resource) + "\""));
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static ChildProcess start(String name, JavaCommand command) {
		ChildProcess child = ChildProcess.startLogged(name, fastStart.apply(name, command),
				OrchestratorRun.itLogDir("agent-dpop").resolve(name + ".log"));
		services.add(child);
		return child;
	}

}
