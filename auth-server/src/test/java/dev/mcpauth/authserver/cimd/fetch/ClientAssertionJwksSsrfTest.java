package dev.mcpauth.authserver.cimd.fetch;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.FakeResolver;
import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.AddressResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security matrix case 55: a {@code private_key_jwt} document whose {@code jwks_uri} points at the cloud metadata
 * service (CIMD-01 §6.5 "SHOULD NOT fetch any URLs contained within" the document that resolve to special-use
 * addresses). The key fetch at the token endpoint goes through the hardened fetcher, is refused, and the client
 * gets {@code invalid_client} without a token. A {@code jwks_uri} on an allowed host still works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mcp.authorization-server.issuer=" + ClientAssertionJwksSsrfTest.ISSUER)
@ActiveProfiles("demo")
@Import(ClientAssertionJwksSsrfTest.FakeDns.class)
@ExtendWith(OutputCaptureExtension.class)
class ClientAssertionJwksSsrfTest {

	static final String ISSUER = "http://issuer.test:9000";

	private static final String CALLBACK = "http://127.0.0.1:50004/callback";

	private static final CimdHost cimd = CimdHost.start();

	@LocalServerPort
	private int port;

	private OAuthClient client;

	@BeforeEach
	void client() {
		this.client = new OAuthClient(this.port);
	}

	@AfterAll
	static void stopHost() {
		cimd.close();
	}

	@Test
	void jwksUriResolvingToCloudMetadataIsNeverFetched(CapturedOutput output) throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
		String clientId = publish("/metadata-jwks/client.json", "http://metadata.test/latest/jwks.json");

		HttpResponse<String> token = this.client.token(signedRedemption(clientId, key));

		assertThat(token.statusCode()).as(token.body()).isEqualTo(401);
		assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_client");
		assertThat(token.body()).doesNotContain("access_token");
		assertThat(output.getAll()).contains("CIMD fetch refused: host=metadata.test reason=")
			.contains("cloud metadata service");
	}

	@Test
	void jwksUriOnAnAllowedHostStillVerifiesTheAssertion() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
		cimd.serveJson("/good-jwks/jwks.json", new JWKSet(key.toPublicJWK()).toString());
		String clientId = publish("/good-jwks/client.json", cimd.url("/good-jwks/jwks.json"));

		HttpResponse<String> token = this.client.token(signedRedemption(clientId, key));

		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(cimd.hits("/good-jwks/jwks.json")).isEqualTo(1);
	}

	private static String publish(String path, String jwksUri) {
		String clientId = cimd.url(path);
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"Key client","redirect_uris":["%s"],
				 "token_endpoint_auth_method":"private_key_jwt","jwks_uri":"%s"}""".formatted(clientId, CALLBACK,
				jwksUri));
		return clientId;
	}

	private Map<String, String> signedRedemption(String clientId, RSAKey key) throws Exception {
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");
		assertThat(code).isNotNull();
		Map<String, String> form = OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce);
		form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		form.put("client_assertion", assertion(clientId, key));
		return form;
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

	@TestConfiguration(proxyBeanMethods = false)
	static class FakeDns {

		@Bean
		AddressResolver fakeDns() {
			return new FakeResolver(Map.of("metadata.test", List.of("169.254.169.254")));
		}

	}

}
