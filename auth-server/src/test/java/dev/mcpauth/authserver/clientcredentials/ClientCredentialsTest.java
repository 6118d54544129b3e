package dev.mcpauth.authserver.clientcredentials;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpauth.authserver.audit.AuditEventTypes;
import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.DPoPProofs;
import dev.mcpauth.authserver.support.OAuthClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client credentials grant (RFC 6749 §4.4, MCP authorization extension "client credentials") over real HTTP:
 * confidential pre-registered clients only, {@code resource} required and bound to {@code aud} exactly as for the
 * code grant (RFC 8707 §2, checklist AS-30, AS-31), scopes within the client's, no refresh token, RFC 6749 §5.2
 * errors; {@code private_key_jwt} with inline {@code jwks} and with a {@code jwk-set-uri} (RFC 7523); DPoP-bound
 * tokens for agents (RFC 9449 §5).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.issuer=" + ClientCredentialsTest.ISSUER,
				"mcp.authorization-server.resources=http://localhost:8001/mcp,http://localhost:8002/other",
				"mcp.authorization-server.client-credentials.enabled=true" })
@ActiveProfiles("demo")
class ClientCredentialsTest {

	static final String ISSUER = "http://issuer.test:9000";

	private static final String RESOURCE = OAuthClient.RESOURCE;

	private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final CimdHost keyHost = CimdHost.start();

	private static final ECKey INLINE_KEY = ecKey();

	private static final RSAKey PUBLISHED_KEY = rsaKey();

	/** All clients here: a list is bound from one property source, so none of it can be in the annotation. */
	@DynamicPropertySource
	static void clients(DynamicPropertyRegistry registry) {
		client(registry, "mcp.authorization-server.clients[0].client-id", "agent");
		client(registry, "mcp.authorization-server.clients[0].client-secret", "{noop}agent-secret");
		client(registry, "mcp.authorization-server.clients[0].grant-types", "client_credentials");
		client(registry, "mcp.authorization-server.clients[1].client-id", "agent-jwks");
		client(registry, "mcp.authorization-server.clients[1].grant-types", "client_credentials");
		client(registry, "mcp.authorization-server.clients[1].token-endpoint-auth-method", "private_key_jwt");
		client(registry, "mcp.authorization-server.clients[2].client-id", "agent-jwks-uri");
		client(registry, "mcp.authorization-server.clients[2].grant-types", "client_credentials");
		client(registry, "mcp.authorization-server.clients[2].token-endpoint-auth-method", "private_key_jwt");
		client(registry, "mcp.authorization-server.clients[3].client-id", "public-app");
		client(registry, "mcp.authorization-server.clients[3].redirect-uris", "http://127.0.0.1/callback");
		client(registry, "mcp.authorization-server.clients[4].client-id", "web-app");
		client(registry, "mcp.authorization-server.clients[4].client-secret", "{noop}web-secret");
		client(registry, "mcp.authorization-server.clients[4].redirect-uris", "http://127.0.0.1/callback");
		registry.add("mcp.authorization-server.clients[1].jwks", () -> new JWKSet(INLINE_KEY.toPublicJWK()).toString());
		keyHost.serveJson("/agent/jwks.json", new JWKSet(PUBLISHED_KEY.toPublicJWK()).toString());
		registry.add("mcp.authorization-server.clients[2].jwk-set-uri", () -> keyHost.url("/agent/jwks.json"));
	}

	private static void client(DynamicPropertyRegistry registry, String name, String value) {
		registry.add(name, () -> value);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private AuditEventRepository audit;

	private OAuthClient client;

	@BeforeEach
	void createClient() {
		this.client = new OAuthClient(this.port);
	}

	@Test
	void issuesAudienceRestrictedTokenToAgentWithClientSecretBasic() {
		double issuedBefore = issuedCount();

		HttpResponse<String> response = this.client.token(request(RESOURCE, "mcp:connect weather:read"),
				OAuthClient.basic("agent", "agent-secret"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		JsonNode body = OAuthClient.json(response);
		assertThat(body.get("token_type").stringValue()).isEqualTo("Bearer");
		assertThat(body.has("refresh_token")).as("no refresh token for client credentials (RFC 6749 §4.4.3)").isFalse();
		Jwt token = decode(body.get("access_token").stringValue());
		// the same audience rule as the code grant (AS-30): aud is exactly the requested resource
		assertThat(token.getAudience()).containsExactly(RESOURCE);
		assertThat(token.getSubject()).isEqualTo("agent");
		assertThat(token.getClaimAsString("client_id")).isEqualTo("agent");
		assertThat(token.getClaimAsString("scope")).isEqualTo("mcp:connect weather:read");
		assertThat(token.hasClaim("cnf")).isFalse();
		// existing token metric, low-cardinality grant_type tag
		assertThat(issuedCount()).isEqualTo(issuedBefore + 1);
		// the audit trail records the grant like the others, without the secret
		assertThat(this.audit.find("agent", null, AuditEventTypes.TOKEN_ISSUED)).isNotEmpty()
			.anySatisfy((event) -> assertThat(event.getData()).containsEntry("grant_type", "client_credentials")
				.containsEntry("client_kind", "pre_registered")
				.containsEntry("refresh_token_issued", false))
			.allSatisfy((event) -> assertThat(event.getData().toString()).doesNotContain("agent-secret"));
	}

	@Test
	void grantsTheDefaultScopesWhenNoneIsRequestedWithClientSecretPost() {
		Map<String, String> form = request(OAuthClient.RESOURCE, null);
		form.put("client_id", "agent");
		form.put("client_secret", "agent-secret");

		HttpResponse<String> response = this.client.token(form);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(decode(OAuthClient.json(response).get("access_token").stringValue()).getClaimAsString("scope"))
			.isEqualTo("mcp:connect");
	}

	@Test
	void authenticatesPrivateKeyJwtWithInlineJwks() throws Exception {
		Map<String, String> form = request(RESOURCE, "mcp:connect");
		// Spring requires client_id next to the assertion (RFC 7523 §3 makes it optional)
		form.put("client_id", "agent-jwks");
		form.put("client_assertion_type", ASSERTION_TYPE);
		form.put("client_assertion", assertion("agent-jwks", JWSAlgorithm.ES256, new ECDSASigner(INLINE_KEY)));

		HttpResponse<String> response = this.client.token(form);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(decode(OAuthClient.json(response).get("access_token").stringValue()).getSubject())
			.isEqualTo("agent-jwks");
	}

	@Test
	void authenticatesPrivateKeyJwtWithKeysFromJwkSetUri() throws Exception {
		int hitsBefore = keyHost.hits("/agent/jwks.json");
		Map<String, String> form = request(RESOURCE, "mcp:connect");
		form.put("client_id", "agent-jwks-uri");
		form.put("client_assertion_type", ASSERTION_TYPE);
		form.put("client_assertion", assertion("agent-jwks-uri", JWSAlgorithm.RS256, new RSASSASigner(PUBLISHED_KEY)));

		HttpResponse<String> response = this.client.token(form);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(keyHost.hits("/agent/jwks.json")).isGreaterThan(hitsBefore);
	}

	@Test
	void refusesAssertionSignedWithAnotherKey() throws Exception {
		Map<String, String> form = request(RESOURCE, "mcp:connect");
		// Spring requires client_id next to the assertion (RFC 7523 §3 makes it optional)
		form.put("client_id", "agent-jwks");
		form.put("client_assertion_type", ASSERTION_TYPE);
		form.put("client_assertion", assertion("agent-jwks", JWSAlgorithm.ES256, new ECDSASigner(ecKey())));

		HttpResponse<String> response = this.client.token(form);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(error(response)).isEqualTo("invalid_client");
	}

	@Test
	void missingResourceIsInvalidTarget() {
		HttpResponse<String> response = this.client.token(request(null, "mcp:connect"),
				OAuthClient.basic("agent", "agent-secret"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("invalid_target");
	}

	@Test
	void unknownResourceIsInvalidTarget() {
		HttpResponse<String> response = this.client.token(request("https://elsewhere.example/mcp", "mcp:connect"),
				OAuthClient.basic("agent", "agent-secret"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("invalid_target");
	}

	@Test
	void scopeBeyondTheClientsIsInvalidScope() {
		HttpResponse<String> response = this.client.token(request(RESOURCE, "mcp:connect admin:all"),
				OAuthClient.basic("agent", "agent-secret"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("invalid_scope");
	}

	@Test
	void publicClientIsUnauthorizedClient() {
		Map<String, String> form = request(RESOURCE, "mcp:connect");
		form.put("client_id", "public-app");

		HttpResponse<String> response = this.client.token(form);

		// RFC 6749 §4.4 "MUST only be used by confidential clients"; §5.2 unauthorized_client
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("unauthorized_client");
	}

	@Test
	void confidentialClientWithoutTheGrantIsUnauthorizedClient() {
		HttpResponse<String> response = this.client.token(request(RESOURCE, "mcp:connect"),
				OAuthClient.basic("web-app", "web-secret"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("unauthorized_client");
	}

	@Test
	void wrongSecretIsInvalidClientWithBasicChallenge() {
		HttpResponse<String> response = this.client.token(request(RESOURCE, "mcp:connect"),
				OAuthClient.basic("agent", "wrong"));

		// RFC 6749 §5.2: 401 and a WWW-Authenticate matching the scheme the client used
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(error(response)).isEqualTo("invalid_client");
		assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic realm=");
	}

	@Test
	void unknownClientWithoutCredentialsIsInvalidClient() {
		Map<String, String> form = request(RESOURCE, "mcp:connect");
		form.put("client_id", "nobody");

		HttpResponse<String> response = this.client.token(form);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(error(response)).isEqualTo("invalid_client");
	}

	@Test
	void advertisesClientCredentialsAndDpopWhenEnabled() {
		JsonNode metadata = OAuthClient
			.json(this.client.get("/.well-known/oauth-authorization-server", "application/json"));

		assertThat(strings(metadata, "grant_types_supported")).containsExactlyInAnyOrder("authorization_code",
				"refresh_token", "client_credentials");
		assertThat(strings(metadata, "dpop_signing_alg_values_supported")).contains("ES256", "RS256")
			.doesNotContain("ES256K", "HS256", "none");
	}

	@Test
	void issuesDpopBoundTokenToAgentThatSendsAProof() {
		DPoPProofs key = DPoPProofs.generate();
		Map<String, String> headers = new LinkedHashMap<>(OAuthClient.basic("agent", "agent-secret"));
		headers.put("DPoP", key.proof("POST", this.client.tokenEndpoint()));

		HttpResponse<String> response = this.client.token(request(RESOURCE, "mcp:connect"), headers);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = OAuthClient.json(response);
		assertThat(body.get("token_type").stringValue()).isEqualTo("DPoP");
		Jwt token = decode(body.get("access_token").stringValue());
		assertThat(token.getClaimAsMap("cnf")).containsEntry("jkt", key.thumbprint());
		assertThat(token.getAudience()).containsExactly(RESOURCE);
	}

	@Test
	void replayedProofIsInvalidDpopProof() {
		DPoPProofs key = DPoPProofs.generate();
		Map<String, String> headers = new LinkedHashMap<>(OAuthClient.basic("agent", "agent-secret"));
		headers.put("DPoP", key.proof("POST", this.client.tokenEndpoint()));
		assertThat(this.client.token(request(RESOURCE, "mcp:connect"), headers).statusCode()).isEqualTo(200);

		HttpResponse<String> replay = this.client.token(request(RESOURCE, "mcp:connect"), headers);

		// RFC 9449 §11.1: the jti was seen before
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(error(replay)).isEqualTo("invalid_dpop_proof");
	}

	private double issuedCount() {
		var counter = this.meters.find("mcp.auth.tokens.issued")
			.tags("grant_type", "client_credentials", "client_kind", "pre_registered")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static Map<String, String> request(String resource, String scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		if (resource != null) {
			form.put("resource", resource);
		}
		if (scope != null) {
			form.put("scope", scope);
		}
		return form;
	}

	private Jwt decode(String token) {
		return NimbusJwtDecoder.withJwkSetUri(this.client.baseUrl() + "/oauth2/jwks").build().decode(token);
	}

	private static String error(HttpResponse<String> response) {
		return OAuthClient.json(response).get("error").stringValue();
	}

	private static List<String> strings(JsonNode metadata, String member) {
		return metadata.get(member).valueStream().map(JsonNode::stringValue).toList();
	}

	private static String assertion(String clientId, JWSAlgorithm algorithm, JWSSigner signer) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(ISSUER)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).build(), claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static ECKey ecKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey() {
		try {
			return new RSAKeyGenerator(2048).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
