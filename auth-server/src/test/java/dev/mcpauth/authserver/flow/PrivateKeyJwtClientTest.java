package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CIMD document declaring {@code private_key_jwt} with a {@code jwks_uri} makes a confidential client that must
 * authenticate with an RFC 7523 assertion (checklist AS-21, CIMD-00 §6.2).
 */
class PrivateKeyJwtClientTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50004/callback";

	private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	@Test
	void redeemsCodeWithSignedClientAssertion() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("client-key").generate();
		String clientId = publishPrivateKeyJwtClient(key);
		Map<String, String> form = authorizedRedemption(clientId);
		form.put("client_assertion_type", ASSERTION_TYPE);
		form.put("client_assertion", assertion(clientId, key));

		HttpResponse<String> token = this.client.token(form);

		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(OAuthClient.json(token).has("access_token")).isTrue();
	}

	@Test
	void rejectsTokenRequestWithoutClientAssertion() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("client-key").generate();
		String clientId = publishPrivateKeyJwtClient(key);

		HttpResponse<String> token = this.client.token(authorizedRedemption(clientId));

		assertThat(token.statusCode()).as(token.body()).isEqualTo(401);
		assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_client");
	}

	@Test
	void rejectsAssertionSignedWithAnotherKey() throws Exception {
		RSAKey published = new RSAKeyGenerator(2048).keyID("client-key").generate();
		RSAKey attacker = new RSAKeyGenerator(2048).keyID("client-key").generate();
		String clientId = publishPrivateKeyJwtClient(published);
		Map<String, String> form = authorizedRedemption(clientId);
		form.put("client_assertion_type", ASSERTION_TYPE);
		form.put("client_assertion", assertion(clientId, attacker));

		HttpResponse<String> token = this.client.token(form);

		assertThat(token.statusCode()).as(token.body()).isEqualTo(401);
	}

	private String publishPrivateKeyJwtClient(RSAKey key) {
		String path = uniquePath("pkjwt");
		String jwksPath = path.replace("client.json", "jwks.json");
		cimd.serveJson(jwksPath, new JWKSet(key.toPublicJWK()).toString());
		String clientId = cimd.url(path);
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"Confidential","redirect_uris":["http://127.0.0.1/callback"],
				 "token_endpoint_auth_method":"private_key_jwt","jwks_uri":"%s"}"""
			.formatted(clientId, cimd.url(jwksPath)));
		return clientId;
	}

	private Map<String, String> authorizedRedemption(String clientId) {
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");
		assertThat(code).isNotNull();
		return OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce);
	}

	private static String assertion(String clientId, RSAKey key) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(ISSUER)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
