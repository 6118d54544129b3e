package dev.mcpauth.oauth2.client.dpop;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The proofs themselves (RFC 9449 section 4.2), read and verified with an independent JOSE implementation. */
class DpopProofsTest {

	private final List<String> trace = new CopyOnWriteArrayList<>();

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

	private final DpopProofs dpop = new DpopProofs(JsonMapper.builder().build(), this.clock,
			new AuthorizationTraceListener() {
				@Override
				public void verbose(String line) {
					DpopProofsTest.this.trace.add(line);
				}
			});

	@Test
	void proofIsAnEs256DpopJwtWithThePublicKeyAndVerifies() throws Exception {
		SignedJWT proof = SignedJWT.parse(this.dpop.proof("POST", URI.create("https://as.example/token"), null));

		assertThat(proof.getHeader().getType().toString()).isEqualTo("dpop+jwt");
		assertThat(proof.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		ECKey jwk = proof.getHeader().getJWK().toECKey();
		assertThat(jwk.isPrivate()).isFalse();
		assertThat(jwk.getCurve().getName()).isEqualTo("P-256");
		assertThat(proof.verify(new ECDSAVerifier(jwk))).isTrue();
		JWTClaimsSet claims = proof.getJWTClaimsSet();
		assertThat(claims.getStringClaim("htm")).isEqualTo("POST");
		assertThat(claims.getStringClaim("htu")).isEqualTo("https://as.example/token");
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(this.clock.instant());
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getClaims()).doesNotContainKeys("ath", "nonce");
	}

	@Test
	void thumbprintIsTheRfc7638OneOfTheProofKey() throws Exception {
		SignedJWT proof = SignedJWT.parse(this.dpop.proof("GET", URI.create("https://rs.example/mcp"), "tok"));

		assertThat(this.dpop.thumbprint())
			.isEqualTo(proof.getHeader().getJWK().computeThumbprint().toString())
			.matches("[A-Za-z0-9_-]{43}");
	}

	@Test
	void athIsTheHashOfTheTokenAndEveryProofHasItsOwnJti() throws Exception {
		URI mcp = URI.create("https://rs.example/mcp");
		JWTClaimsSet first = SignedJWT.parse(this.dpop.proof("POST", mcp, "access-token-1")).getJWTClaimsSet();
		JWTClaimsSet second = SignedJWT.parse(this.dpop.proof("POST", mcp, "access-token-1")).getJWTClaimsSet();

		// RFC 9449 section 4.2: base64url(SHA-256(ASCII(token))); value computed independently of the client
		assertThat(first.getStringClaim("ath")).isEqualTo(Jws.sha256("access-token-1"))
			.isEqualTo(com.nimbusds.jose.util.Base64URL
				.encode(java.security.MessageDigest.getInstance("SHA-256").digest("access-token-1".getBytes()))
				.toString());
		assertThat(first.getJWTID()).isNotEqualTo(second.getJWTID());
	}

	@Test
	void htuHasNoQueryNoFragmentAndNoDefaultPort() throws Exception {
		String proof = this.dpop.proof("GET", URI.create("HTTPS://RS.Example:443/mcp?session=1#x"), "t");

		assertThat(SignedJWT.parse(proof).getJWTClaimsSet().getStringClaim("htu")).isEqualTo("https://rs.example/mcp");
		assertThat(DpopProofs.htu(URI.create("http://127.0.0.1:8080/a/b?q"))).isEqualTo("http://127.0.0.1:8080/a/b");
	}

	@Test
	void noncesAreKeptPerOriginAndGoIntoTheNextProofs() throws Exception {
		this.dpop.rememberNonce(URI.create("https://rs.example/anything"), "n-1");

		String toRs = this.dpop.proof("POST", URI.create("https://rs.example/mcp"), "t");
		String toAs = this.dpop.proof("POST", URI.create("https://as.example/token"), null);

		assertThat(SignedJWT.parse(toRs).getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");
		assertThat(SignedJWT.parse(toAs).getJWTClaimsSet().getClaims()).doesNotContainKey("nonce");
		assertThat(this.trace).containsExactly("DPoP proof attached: htm=POST htu=https://rs.example/mcp nonce=yes ath=yes",
				"DPoP proof attached: htm=POST htu=https://as.example/token nonce=no");
	}

	@Test
	void eachInstanceHasItsOwnKey() {
		DpopProofs other = new DpopProofs(JsonMapper.builder().build(), this.clock, AuthorizationTraceListener.NONE);

		assertThat(other.thumbprint()).isNotEqualTo(this.dpop.thumbprint());
	}

}
