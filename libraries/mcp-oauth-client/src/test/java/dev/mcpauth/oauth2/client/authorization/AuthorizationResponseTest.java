package dev.mcpauth.oauth2.client.authorization;

import java.net.URI;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.McpAuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CL-09 (state), CL-10 and RFC 9207 (iss), CL-21 (resource in the request). */
class AuthorizationResponseTest {

	private static final String ISSUER = "http://localhost:9000";

	@Test
	void returnsTheCodeWhenStateAndIssMatch() {
		AuthorizationResponse response = AuthorizationResponse
			.fromRedirect(URI.create("http://127.0.0.1/callback?code=c%2B1&state=s1&iss=http%3A%2F%2Flocalhost%3A9000"));

		assertThat(response.validatedCode("s1", ISSUER, true)).isEqualTo("c+1");
		assertThat(response.toString()).doesNotContain("c+1");
	}

	@Test
	void rejectsAWrongOrMissingState() { // CL-09
		assertThatThrownBy(() -> parse("code=c&state=other").validatedCode("s1", ISSUER, false))
			.isInstanceOf(McpAuthorizationException.class)
			.hasMessageContaining("state");
		assertThatThrownBy(() -> parse("code=c").validatedCode("s1", ISSUER, false)).hasMessageContaining("state");
	}

	@Test
	void rejectsAForeignIssEvenWhenNotAdvertised() { // CL-10, auth/iss-unexpected
		assertThatThrownBy(() -> parse("code=c&state=s1&iss=https%3A%2F%2Fevil.test").validatedCode("s1", ISSUER, false))
			.hasMessageContaining("is not the issuer");
	}

	@Test
	void comparesIssWithoutNormalisation() { // RFC 9207 section 2.4, auth/iss-normalized
		assertThatThrownBy(() -> parse("code=c&state=s1&iss=http%3A%2F%2Flocalhost%3A9000%2F").validatedCode("s1", ISSUER, true))
			.hasMessageContaining("is not the issuer");
	}

	@Test
	void requiresIssWhenAdvertisedAndAcceptsItsAbsenceOtherwise() { // auth/iss-supported-missing, iss-not-advertised
		assertThatThrownBy(() -> parse("code=c&state=s1").validatedCode("s1", ISSUER, true))
			.hasMessageContaining("sent no iss");
		assertThat(parse("code=c&state=s1").validatedCode("s1", ISSUER, false)).isEqualTo("c");
	}

	@Test
	void surfacesAnErrorResponse() {
		assertThatThrownBy(() -> parse("error=access_denied&error_description=no&state=s1").validatedCode("s1", ISSUER, false))
			.hasMessage("authorization server refused the authorization request: access_denied (no)");
	}

	@Test
	void requestCarriesPkceStateAndResourceAndOmitsAnUndefinedScope() { // CL-08, CL-18, CL-21
		Pkce pkce = Pkce.generate(new SecureRandom());
		URI uri = new AuthorizationRequest("http://localhost:9000/oauth2/authorize", "http://localhost:3000/client-metadata.json",
				"http://127.0.0.1/callback", null, "st", pkce, "http://localhost:8001/mcp")
			.toUri();

		assertThat(uri.getRawQuery()).contains("response_type=code", "code_challenge_method=S256",
				"code_challenge=" + pkce.challenge(), "state=st", "resource=http%3A%2F%2Flocalhost%3A8001%2Fmcp",
				"client_id=http%3A%2F%2Flocalhost%3A3000%2Fclient-metadata.json")
			.doesNotContain("scope=")
			.doesNotContain(pkce.verifier());
	}

	private static AuthorizationResponse parse(String query) {
		return AuthorizationResponse.fromRedirect(URI.create("http://127.0.0.1/callback?" + query));
	}

}
