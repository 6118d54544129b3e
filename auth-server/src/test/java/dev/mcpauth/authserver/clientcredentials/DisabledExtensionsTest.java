package dev.mcpauth.authserver.clientcredentials;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mcpauth.authserver.support.DPoPProofs;
import dev.mcpauth.authserver.support.OAuthClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code client-credentials.enabled=false} and {@code dpop.enabled=false} the metadata advertises neither
 * (RFC 8414 §2, checklist AS-12) and the token endpoint behaves as a server without them: the grant is
 * {@code unsupported_grant_type}, a {@code DPoP} header is ignored and a Bearer token issued.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.issuer=http://issuer.test:9000",
				"mcp.authorization-server.resources=http://localhost:8001/mcp",
				"mcp.authorization-server.client-credentials.enabled=false",
				"mcp.authorization-server.dpop.enabled=false",
				"mcp.authorization-server.clients[0].client-id=agent",
				"mcp.authorization-server.clients[0].client-secret={noop}agent-secret",
				"mcp.authorization-server.clients[0].grant-types=client_credentials",
				"mcp.authorization-server.clients[1].client-id=public-app",
				"mcp.authorization-server.clients[1].redirect-uris=http://127.0.0.1/callback" })
@ActiveProfiles("demo")
class DisabledExtensionsTest {

	@LocalServerPort
	private int port;

	private OAuthClient client;

	@BeforeEach
	void createClient() {
		this.client = new OAuthClient(this.port);
	}

	@Test
	void metadataAdvertisesNeitherClientCredentialsNorDpop() {
		JsonNode metadata = OAuthClient
			.json(this.client.get("/.well-known/oauth-authorization-server", "application/json"));

		assertThat(metadata.get("grant_types_supported").valueStream().map(JsonNode::stringValue).toList())
			.isEqualTo(List.of("authorization_code", "refresh_token"));
		assertThat(metadata.has("dpop_signing_alg_values_supported")).isFalse();
	}

	@Test
	void clientCredentialsIsUnsupportedGrantType() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("resource", OAuthClient.RESOURCE);

		HttpResponse<String> response = this.client.token(form, OAuthClient.basic("agent", "agent-secret"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(response).get("error").stringValue()).isEqualTo("unsupported_grant_type");
	}

	@Test
	void dpopHeaderIsIgnored() {
		Map<String, String> redemption = this.client.authorizedRedemption("public-app", "http://127.0.0.1:50018/callback",
				"mcp:connect");

		HttpResponse<String> response = this.client.token(redemption,
				Map.of("DPoP", DPoPProofs.generate().proof("POST", this.client.tokenEndpoint())));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(OAuthClient.json(response).get("token_type").stringValue()).isEqualTo("Bearer");
		assertThat(response.headers().firstValue("DPoP-Nonce")).isEmpty();
	}

}
