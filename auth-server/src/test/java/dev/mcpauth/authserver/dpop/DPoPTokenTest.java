package dev.mcpauth.authserver.dpop;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpauth.authserver.support.DPoPProofs;
import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP-bound tokens for the authorization code grant with PKCE (RFC 9449 §5, §6.1), and the key binding of a
 * public client's refresh token (RFC 9449 §5), over real HTTP with the demo server (DPoP on, no nonces).
 */
class DPoPTokenTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50017/callback";

	@Test
	void codeRedemptionWithProofIssuesDpopBoundTokens() {
		DPoPProofs key = DPoPProofs.generate();
		Map<String, String> redemption = this.client.authorizedRedemption(publishRefreshingClient("bound"), CALLBACK,
				"mcp:connect");

		HttpResponse<String> response = this.client.token(redemption, dpop(key.proof("POST", this.client.tokenEndpoint())));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = OAuthClient.json(response);
		assertThat(body.get("token_type").stringValue()).isEqualTo("DPoP");
		Jwt token = decode(body.get("access_token").stringValue());
		assertThat(token.getClaimAsMap("cnf")).containsEntry("jkt", key.thumbprint());
		assertThat(token.getAudience()).containsExactly(OAuthClient.RESOURCE);
		assertThat(body.get("refresh_token").stringValue()).isNotBlank();
	}

	@Test
	void publicClientsRefreshTokenIsBoundToTheKey() {
		DPoPProofs key = DPoPProofs.generate();
		String clientId = publishRefreshingClient("refresh");
		HttpResponse<String> issued = this.client.token(this.client.authorizedRedemption(clientId, CALLBACK,
				"mcp:connect"), dpop(key.proof("POST", this.client.tokenEndpoint())));
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		String refreshToken = OAuthClient.json(issued).get("refresh_token").stringValue();

		HttpResponse<String> otherKey = this.client.token(refresh(clientId, refreshToken),
				dpop(DPoPProofs.generate().proof("POST", this.client.tokenEndpoint())));
		HttpResponse<String> noProof = this.client.token(refresh(clientId, refreshToken));
		HttpResponse<String> sameKey = this.client.token(refresh(clientId, refreshToken),
				dpop(key.proof("POST", this.client.tokenEndpoint())));

		assertThat(otherKey.statusCode()).isEqualTo(400);
		assertThat(error(otherKey)).isEqualTo("invalid_dpop_proof");
		assertThat(noProof.statusCode()).isEqualTo(400);
		assertThat(error(noProof)).isEqualTo("invalid_dpop_proof");
		assertThat(sameKey.statusCode()).as(sameKey.body()).isEqualTo(200);
		JsonNode body = OAuthClient.json(sameKey);
		assertThat(body.get("token_type").stringValue()).isEqualTo("DPoP");
		assertThat(decode(body.get("access_token").stringValue()).getClaimAsMap("cnf")).containsEntry("jkt",
				key.thumbprint());
		assertThat(body.get("refresh_token").stringValue()).isNotEqualTo(refreshToken);
	}

	@Test
	void requestWithoutProofGetsBearerToken() {
		HttpResponse<String> response = this.client
			.token(this.client.authorizedRedemption(publishRefreshingClient("bearer"), CALLBACK, "mcp:connect"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = OAuthClient.json(response);
		assertThat(body.get("token_type").stringValue()).isEqualTo("Bearer");
		assertThat(decode(body.get("access_token").stringValue()).hasClaim("cnf")).isFalse();
	}

	@Test
	void proofForAnotherUriIsInvalidDpopProof() {
		Map<String, String> redemption = this.client.authorizedRedemption(publishRefreshingClient("htu"), CALLBACK,
				"mcp:connect");

		HttpResponse<String> response = this.client.token(redemption,
				dpop(DPoPProofs.generate().proof("POST", "https://elsewhere.example/oauth2/token")));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("invalid_dpop_proof");
	}

	@Test
	void proofWithTheWrongMethodIsInvalidDpopProof() {
		Map<String, String> redemption = this.client.authorizedRedemption(publishRefreshingClient("htm"), CALLBACK,
				"mcp:connect");

		HttpResponse<String> response = this.client.token(redemption,
				dpop(DPoPProofs.generate().proof("GET", this.client.tokenEndpoint())));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("invalid_dpop_proof");
	}

	@Test
	void staleProofIsInvalidDpopProof() {
		Map<String, String> redemption = this.client.authorizedRedemption(publishRefreshingClient("iat"), CALLBACK,
				"mcp:connect");

		HttpResponse<String> response = this.client.token(redemption, dpop(
				DPoPProofs.generate().proof("POST", this.client.tokenEndpoint(), null, Instant.now().minusSeconds(600))));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("invalid_dpop_proof");
	}

	@Test
	void symmetricProofIsInvalidDpopProof() throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", "POST")
			.claim("htu", this.client.tokenEndpoint())
			.issueTime(new Date())
			.build();
		SignedJWT proof = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt")).build(), claims);
		proof.sign(new MACSigner(new byte[32]));
		Map<String, String> redemption = this.client.authorizedRedemption(publishRefreshingClient("hs256"), CALLBACK,
				"mcp:connect");

		HttpResponse<String> response = this.client.token(redemption, dpop(proof.serialize()));

		// RFC 9449 §4.3 check 5: an asymmetric algorithm from the advertised list
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("invalid_dpop_proof");
	}

	@Test
	void proofMayNameTheAdvertisedTokenEndpoint() {
		DPoPProofs key = DPoPProofs.generate();
		Map<String, String> redemption = this.client.authorizedRedemption(publishRefreshingClient("advertised"),
				CALLBACK, "mcp:connect");

		// a client behind a proxy signs the token_endpoint of the metadata, not the address it connected to
		HttpResponse<String> response = this.client.token(redemption, dpop(key.proof("POST", ISSUER + "/oauth2/token")));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(OAuthClient.json(response).get("token_type").stringValue()).isEqualTo("DPoP");
	}

	@Test
	void htuIsComparedAfterNormalisation() {
		DPoPProofs key = DPoPProofs.generate();
		Map<String, String> redemption = this.client.authorizedRedemption(publishRefreshingClient("normalised"),
				CALLBACK, "mcp:connect");
		String htu = this.client.tokenEndpoint().replace("http://", "HTTP://");

		HttpResponse<String> response = this.client.token(redemption, dpop(key.proof("POST", htu)));

		// RFC 9449 §4.3 check 9 with RFC 3986 §6.2.2.1: scheme and host are case-insensitive
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static Map<String, String> dpop(String proof) {
		return Map.of("DPoP", proof);
	}

	private Jwt decode(String token) {
		return NimbusJwtDecoder.withJwkSetUri(this.client.baseUrl() + "/oauth2/jwks").build().decode(token);
	}

	private static String error(HttpResponse<String> response) {
		return OAuthClient.json(response).get("error").stringValue();
	}

	private static String publishRefreshingClient(String name) {
		String path = uniquePath("dpop-" + name);
		String clientId = cimd.url(path);
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"DPoP client","redirect_uris":["http://127.0.0.1/callback"],
				 "grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none"}"""
			.formatted(clientId));
		return clientId;
	}

	private static Map<String, String> refresh(String clientId, String refreshToken) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		form.put("client_id", clientId);
		form.put("resource", OAuthClient.RESOURCE);
		return form;
	}

}
