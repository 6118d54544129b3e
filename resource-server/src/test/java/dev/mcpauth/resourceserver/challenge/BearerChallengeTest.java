package dev.mcpauth.resourceserver.challenge;

import java.net.URI;

import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 401 and 400 challenges (checklist RS-03, RS-04, RS-05, RS-10, RS-13).
 */
class BearerChallengeTest extends ResourceServerTestSupport {

	@Test
	void rs03NoTokenGets401WithResourceMetadataAndBaseScopeButNoErrorCode() {
		Response response = this.mcp.post(McpHttp.initializeRequest());

		assertThat(response.status()).isEqualTo(401);
		// with mcp.resource-server.dpop.mode=optional (the default), the DPoP challenge follows (RFC 9449 section 7.1)
		assertThat(response.headerValues("WWW-Authenticate")).containsExactly(
				"Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:connect\"",
				"DPoP algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\", resource_metadata=\""
						+ METADATA_URL + "\", scope=\"mcp:connect\"");
	}

	@Test
	void rs10TokenInTheQueryStringIsIgnored() {
		Response response = this.mcp.post(URI.create(RESOURCE + "?access_token=" + token("mcp:connect")),
				McpHttp.initializeRequest());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.wwwAuthenticate()).doesNotContain("error=");
	}

	@Test
	void rs13MalformedBearerCredentialsGet400InvalidRequest() {
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Authorization", "Bearer two tokens");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.wwwAuthenticate()).startsWith("Bearer error=\"invalid_request\"")
			.contains("resource_metadata=\"" + METADATA_URL + "\"");
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
	}

	@Test
	void rs13EmptyBearerCredentialsGet400InvalidRequest() {
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Authorization", "Bearer ");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.wwwAuthenticate()).startsWith("Bearer error=\"invalid_request\"");
	}

	@Test
	void rs13TwoAuthorizationHeadersGet400InvalidRequest() {
		String token = token("mcp:connect");
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Authorization", McpHttp.bearer(token),
				"Authorization", McpHttp.bearer(token));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.wwwAuthenticate()).startsWith("Bearer error=\"invalid_request\"");
	}

	@Test
	void anotherAuthenticationSchemeIsTreatedAsNoToken() {
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Authorization", "Basic YWxpY2U6c2VjcmV0");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.wwwAuthenticate())
			.isEqualTo("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:connect\"");
	}

	@Test
	void aSchemeNameThatOnlyStartsWithBearerIsAnotherScheme() { // RFC 9110 section 11.1: the scheme is a whole token
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Authorization", "BearerToken abc");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.wwwAuthenticate())
			.isEqualTo("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:connect\"");
	}

	@Test
	void bearerSchemeNameIsCaseInsensitive() {
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Authorization",
				"bearer " + token("mcp:connect"));

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void everyOtherPathIsDeniedWithTheSameChallenge() {
		Response response = this.mcp.send("GET", URI.create(ORIGIN + "/actuator/env"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.wwwAuthenticate()).contains("resource_metadata=\"" + METADATA_URL + "\"");
	}

}
