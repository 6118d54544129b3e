package dev.mcpauth.authserver.dpop;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.authserver.support.DPoPProofs;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.oauth2.server.authorization.dpop.DPoPNonces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-provided DPoP nonces at the token endpoint (RFC 9449 §8): {@code use_dpop_nonce} with a
 * {@code DPoP-Nonce} header, success with the nonce, stale and forged nonces refused, and nonces of another
 * instance with the same secret accepted (stateless, shared by replicas).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.issuer=http://issuer.test:9000",
				"mcp.authorization-server.resources=http://localhost:8001/mcp",
				"mcp.authorization-server.client-credentials.enabled=true",
				"mcp.authorization-server.dpop.nonce-required=true",
				"mcp.authorization-server.dpop.nonce-secret=" + DPoPNonceTest.SECRET,
				"mcp.authorization-server.dpop.nonce-lifetime=5m",
				"mcp.authorization-server.clients[0].client-id=agent",
				"mcp.authorization-server.clients[0].client-secret={noop}agent-secret",
				"mcp.authorization-server.clients[0].grant-types=client_credentials" })
@ActiveProfiles("demo")
class DPoPNonceTest {

	static final String SECRET = "a-test-secret-shared-by-every-instance";

	@LocalServerPort
	private int port;

	private OAuthClient client;

	@BeforeEach
	void createClient() {
		this.client = new OAuthClient(this.port);
	}

	@Test
	void proofWithoutNonceGetsUseDpopNonceThenSucceedsWithIt() {
		DPoPProofs key = DPoPProofs.generate();

		HttpResponse<String> challenge = this.client.token(OAuthClient.clientCredentialsRequest(),
				headers(key.proof("POST", this.client.tokenEndpoint())));

		assertThat(challenge.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(challenge).get("error").stringValue()).isEqualTo("use_dpop_nonce");
		assertThat(OAuthClient.json(challenge).get("error_description").stringValue()).isNotBlank();
		String nonce = challenge.headers().firstValue("DPoP-Nonce").orElseThrow();

		HttpResponse<String> token = this.client.token(OAuthClient.clientCredentialsRequest(),
				headers(key.proof("POST", this.client.tokenEndpoint(), nonce)));

		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(OAuthClient.json(token).get("token_type").stringValue()).isEqualTo("DPoP");
		// every token response carries a fresh nonce for the next request (RFC 9449 §8.2)
		assertThat(token.headers().firstValue("DPoP-Nonce")).isPresent();
	}

	@Test
	void staleNonceIsRefused() {
		DPoPNonces tenMinutesAgo = new DPoPNonces(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5),
				Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC));
		String stale = tenMinutesAgo.next();

		HttpResponse<String> response = this.client.token(OAuthClient.clientCredentialsRequest(),
				headers(DPoPProofs.generate().proof("POST", this.client.tokenEndpoint(), stale)));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(response).get("error").stringValue()).isEqualTo("use_dpop_nonce");
		assertThat(response.headers().firstValue("DPoP-Nonce").orElseThrow()).isNotEqualTo(stale);
	}

	@Test
	void forgedNonceIsRefused() {
		DPoPNonces otherSecret = DPoPNonces.of("another-secret-another-secret-xx", Duration.ofMinutes(5));

		HttpResponse<String> response = this.client.token(OAuthClient.clientCredentialsRequest(),
				headers(DPoPProofs.generate().proof("POST", this.client.tokenEndpoint(), otherSecret.next())));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(response).get("error").stringValue()).isEqualTo("use_dpop_nonce");
	}

	@Test
	void nonceOfAnotherInstanceWithTheSameSecretIsAccepted() {
		DPoPNonces replica = DPoPNonces.of(SECRET, Duration.ofMinutes(5));

		HttpResponse<String> response = this.client.token(OAuthClient.clientCredentialsRequest(),
				headers(DPoPProofs.generate().proof("POST", this.client.tokenEndpoint(), replica.next())));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void requestWithoutProofStillGetsBearerTokenAndANonce() {
		HttpResponse<String> response = this.client.token(OAuthClient.clientCredentialsRequest(),
				OAuthClient.basic("agent", "agent-secret"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(OAuthClient.json(response).get("token_type").stringValue()).isEqualTo("Bearer");
		assertThat(response.headers().firstValue("DPoP-Nonce")).isPresent();
	}

	private static Map<String, String> headers(String proof) {
		Map<String, String> headers = new LinkedHashMap<>(OAuthClient.basic("agent", "agent-secret"));
		headers.put("DPoP", proof);
		return headers;
	}

}
