package dev.mcpauth.resourceserver.jwt;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access token validation with tokens signed by a real key and checked against a real JWKS endpoint (checklist
 * RS-07, RS-08, RS-14, section 5.5).
 */
class AccessTokenValidationTest extends ResourceServerTestSupport {

	@Test
	void validTokenForThisResourceIsAccepted() {
		assertThat(initializeWith(token("mcp:connect")).status()).isEqualTo(200);
	}

	@Test
	void rs04ExpiredTokenGets401InvalidTokenWithResourceMetadata() {
		String expired = this.authorizationServer.token(RESOURCE, claims -> claims.claim("scope", "mcp:connect")
			.issueTime(Date.from(Instant.now().minusSeconds(600)))
			.notBeforeTime(Date.from(Instant.now().minusSeconds(600)))
			.expirationTime(Date.from(Instant.now().minusSeconds(120))));

		assertInvalidToken(initializeWith(expired));
	}

	@Test
	void expiryWithinTheClockSkewIsTolerated() {
		String justExpired = this.authorizationServer.token(RESOURCE, claims -> claims.claim("scope", "mcp:connect")
			.issueTime(Date.from(Instant.now().minusSeconds(300)))
			.notBeforeTime(Date.from(Instant.now().minusSeconds(300)))
			.expirationTime(Date.from(Instant.now().minusSeconds(5))));

		Response response = initializeWith(justExpired);
		assertThat(response.status()).as(String.valueOf(response.wwwAuthenticate())).isEqualTo(200);
	}

	@Test
	void tokenNotYetValidIsRefused() {
		String future = this.authorizationServer.token(RESOURCE, claims -> claims.claim("scope", "mcp:connect")
			.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))
			.expirationTime(Date.from(Instant.now().plusSeconds(900))));

		assertInvalidToken(initializeWith(future));
	}

	@Test
	void tokenWithoutExpiryIsRefused() {
		String eternal = this.authorizationServer.token(RESOURCE,
				claims -> claims.claim("scope", "mcp:connect").expirationTime(null));

		assertInvalidToken(initializeWith(eternal));
	}

	@Test
	void rs07TokenForAnotherResourceIsRefused() {
		assertInvalidToken(initializeWith(this.authorizationServer.token("http://localhost:8002/mcp", "mcp:connect")));
	}

	@Test
	void rs07TokenWhoseAudienceIsTheClientIdIsRefused() {
		assertInvalidToken(initializeWith(this.authorizationServer.token(TestAuthorizationServer.CLIENT_ID,
				"mcp:connect")));
	}

	@Test
	void rs07TokenWithoutAudienceIsRefused() {
		String noAudience = this.authorizationServer.token(RESOURCE,
				claims -> claims.claim("scope", "mcp:connect").audience((List<String>) null));

		assertInvalidToken(initializeWith(noAudience));
	}

	@Test
	void rs07AudienceWithTrailingSlashIsAnotherResource() {
		assertInvalidToken(initializeWith(this.authorizationServer.token(RESOURCE + "/", "mcp:connect")));
	}

	@Test
	void rs07AudienceListContainingThisResourceIsAccepted() {
		String token = this.authorizationServer.token(RESOURCE, claims -> claims.claim("scope", "mcp:connect")
			.audience(List.of("http://localhost:8002/mcp", RESOURCE)));

		assertThat(initializeWith(token).status()).isEqualTo(200);
	}

	@Test
	void rs14UppercaseSchemeAndHostInAudienceAreAccepted() {
		String upper = RESOURCE.replace("http://localhost", "HTTP://LOCALHOST");

		assertThat(initializeWith(this.authorizationServer.token(upper, "mcp:connect")).status()).isEqualTo(200);
	}

	@Test
	void rs14AudiencePathStaysCaseSensitive() {
		assertInvalidToken(initializeWith(this.authorizationServer.token(RESOURCE.replace("/mcp", "/MCP"),
				"mcp:connect")));
	}

	@Test
	void rs08WrongIssuerIsRefused() {
		String token = this.authorizationServer.token(RESOURCE,
				claims -> claims.claim("scope", "mcp:connect").issuer("http://localhost:9999"));

		assertInvalidToken(initializeWith(token));
	}

	@Test
	void rs08IssuerIsComparedAsTheExactString() { // RFC 7519 section 4.1.1; Spring's URL conversion folded the scheme
		String token = this.authorizationServer.token(RESOURCE, claims -> claims.claim("scope", "mcp:connect")
			.issuer(TestAuthorizationServer.ISSUER.replace("http://", "HTTP://")));

		assertInvalidToken(initializeWith(token));
	}

	@Test
	void tokenWithoutSubjectIsRefused() { // RFC 9068 section 2.2: sub is REQUIRED; sessions are bound to it (RS-11)
		String token = this.authorizationServer.token(RESOURCE,
				claims -> claims.claim("scope", "mcp:connect").subject(null));

		assertInvalidToken(initializeWith(token));
	}

	@Test
	void rs08TamperedSignatureIsRefused() {
		String token = token("mcp:connect");
		int lastDot = token.lastIndexOf('.');
		char flipped = token.charAt(lastDot + 5) == 'A' ? 'B' : 'A';
		String tampered = token.substring(0, lastDot + 5) + flipped + token.substring(lastDot + 6);

		assertInvalidToken(initializeWith(tampered));
	}

	@Test
	void rs08TokenSignedByAnUnpublishedKeyWithAKnownKidIsRefused() {
		assertInvalidToken(initializeWith(this.authorizationServer.tokenSignedByStranger(RESOURCE, "mcp:connect")));
	}

	@Test
	void unsecuredAlgNoneTokenIsRefused() {
		assertInvalidToken(initializeWith(this.authorizationServer.unsecuredToken(RESOURCE, "mcp:connect")));
	}

	@Test
	void hmacTokenKeyedWithThePublicKeyIsRefused() {
		assertInvalidToken(initializeWith(this.authorizationServer.hmacToken(RESOURCE, "mcp:connect")));
	}

	@Test
	void garbageTokenIsRefused() {
		assertInvalidToken(initializeWith("not-a-jwt"));
	}

	private Response initializeWith(String token) {
		return this.mcp.post(McpHttp.initializeRequest(), "Authorization", McpHttp.bearer(token));
	}

	private static void assertInvalidToken(Response response) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.wwwAuthenticate()).startsWith("Bearer error=\"invalid_token\"")
			.contains("resource_metadata=\"" + METADATA_URL + "\"");
	}

}
