package dev.mcpauth.oauth2.client.token;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** private_key_jwt assertions (RFC 7523 section 2.2), verified with an independent JOSE implementation. */
class ClientAssertionKeyTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void signsAnEs256AssertionWithAPkcs8PemKey() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();
		ClientAssertionKey assertionKey = ClientAssertionKey.parse(pem(key.toPrivateKey().getEncoded()), this.json);

		SignedJWT assertion = SignedJWT.parse(assertionKey.assertion("client-1", "https://as.example", this.clock));

		assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(assertion.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
		JWTClaimsSet claims = assertion.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("client-1");
		assertThat(claims.getSubject()).isEqualTo("client-1");
		assertThat(claims.getAudience()).containsExactly("https://as.example");
		assertThat(claims.getIssueTime()).isEqualTo(Date.from(this.clock.instant()));
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(this.clock.instant().plusSeconds(60)));
		assertThat(claims.getJWTID()).isNotEqualTo(SignedJWT
			.parse(assertionKey.assertion("client-1", "https://as.example", this.clock))
			.getJWTClaimsSet()
			.getJWTID());
	}

	@Test
	void signsAnRs256AssertionWithAPrivateJwkAndNamesItsKid() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k-1").generate();
		ClientAssertionKey assertionKey = ClientAssertionKey.parse(key.toJSONString(), this.json);

		SignedJWT assertion = SignedJWT.parse(assertionKey.assertion("client-2", "https://as.example/t", this.clock));

		assertThat(assertionKey.algorithm()).isEqualTo("RS256");
		assertThat(assertion.getHeader().getKeyID()).isEqualTo("k-1");
		assertThat(assertion.verify(new RSASSAVerifier(key.toPublicJWK()))).isTrue();
	}

	@Test
	void readsAnEcJwk() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();

		SignedJWT assertion = SignedJWT.parse(ClientAssertionKey.parse(key.toJSONString(), this.json)
			.assertion("c", "https://as.example", this.clock));

		assertThat(assertion.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
	}

	@Test
	void refusesWhatIsNotAPrivateKeyWithoutQuotingIt() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();

		assertThatThrownBy(() -> ClientAssertionKey.parse(key.toPublicJWK().toJSONString(), this.json))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageNotContaining(key.getX().toString());
		assertThatThrownBy(() -> ClientAssertionKey.parse("-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n-----END PRIVATE KEY-----", this.json))
			.hasMessageContaining("not a valid PKCS #8 PEM or private JWK")
			.hasMessageNotContaining("bm9wZQ");
		assertThatThrownBy(() -> ClientAssertionKey.parse("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----", this.json))
			.hasMessageContaining("openssl pkcs8 -topk8");
		assertThat(ClientAssertionKey.parse(key.toJSONString(), this.json).toString()).doesNotContain(key.getD().toString());
	}

	private static String pem(byte[] pkcs8) {
		return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
				+ "\n-----END PRIVATE KEY-----\n";
	}

}
