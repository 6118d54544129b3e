package dev.mcpauth.oauth2.client.authorization;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CL-08: PKCE S256 (RFC 7636). */
class PkceTest {

	@Test
	void s256MatchesTheRfc7636AppendixBVector() {
		assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
			.isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
	}

	@Test
	void verifierIs43UnreservedCharactersAndFreshEachTime() { // RFC 7636 section 4.1
		SecureRandom random = new SecureRandom();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			Pkce pkce = Pkce.generate(random);
			assertThat(pkce.verifier()).hasSize(43).matches("[A-Za-z0-9._~-]+");
			assertThat(pkce.challenge()).isEqualTo(Pkce.challengeOf(pkce.verifier()));
			seen.add(pkce.verifier());
		}
		assertThat(seen).hasSize(100);
	}

	@Test
	void toStringHidesTheVerifier() {
		Pkce pkce = Pkce.generate(new SecureRandom());
		assertThat(pkce.toString()).doesNotContain(pkce.verifier());
	}

}
