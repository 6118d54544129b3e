package dev.mcpauth.resourceserver.dpop;

import dev.mcpauth.oauth2.server.resource.support.DpopKey;
import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) through the application's own chain ({@code SecurityConfig}) with the default
 * {@code mcp.resource-server.dpop.mode=optional}: a bound token works with the DPoP scheme and a fresh proof per
 * request, including the 403 step-up under the DPoP scheme (RS-12), and a stolen bound token does not work without
 * its key (RS-08).
 */
class DpopBoundTokenTest extends ResourceServerTestSupport {

	private static final String WEATHER_CALL = McpHttp.toolsCall("get_weather", "{\"city\":\"Paris\"}");

	private final DpopKey key = new DpopKey();

	@Test
	void rfc9449s7_1BoundTokenListsAndCallsToolsWithAFreshProofPerRequest() {
		String token = boundToken("mcp:connect weather:read");
		String session = initialize(token);

		Response list = call(token, session, McpHttp.toolsList());
		Response weather = call(token, session, WEATHER_CALL);

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().at("/result/tools").findValuesAsString("name")).contains("whoami", "get_weather");
		assertThat(weather.status()).isEqualTo(200);
		assertThat(weather.json().at("/result/content/0/text").asString()).contains("\"city\":\"Paris\"");
	}

	@Test
	void rs12StepUpUnderTheDpopScheme() {
		String token = boundToken("mcp:connect");
		String session = initialize(token);

		Response response = call(token, session, WEATHER_CALL);

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.headerValues("WWW-Authenticate")).singleElement()
			.satisfies((challenge) -> assertThat(challenge).startsWith("DPoP algs=\"ES256")
				.contains("error=\"insufficient_scope\"", "scope=\"mcp:connect weather:read\"",
						"resource_metadata=\"" + METADATA_URL + "\""));
	}

	@Test
	void rfc9449s7_2StolenBoundTokenIsRefusedWithoutProofWithAnotherKeyAndAsBearer() {
		String token = boundToken("mcp:connect");
		DpopKey thief = new DpopKey();

		Response noProof = this.mcp.post(McpHttp.initializeRequest(), "Authorization", "DPoP " + token);
		Response otherKey = this.mcp.post(McpHttp.initializeRequest(), "Authorization", "DPoP " + token, "DPoP",
				thief.proof("POST", RESOURCE, token));
		Response asBearer = this.mcp.post(McpHttp.initializeRequest(), "Authorization", McpHttp.bearer(token));

		assertThat(noProof.status()).isEqualTo(401);
		assertThat(noProof.wwwAuthenticate()).startsWith("DPoP ").contains("error=\"invalid_dpop_proof\"");
		assertThat(otherKey.status()).isEqualTo(401);
		assertThat(otherKey.wwwAuthenticate()).startsWith("DPoP ").contains("error=\"invalid_token\"");
		assertThat(asBearer.status()).isEqualTo(401);
		assertThat(asBearer.wwwAuthenticate()).startsWith("Bearer error=\"invalid_token\"");
	}

	private String initialize(String token) {
		Response init = this.mcp.post(McpHttp.initializeRequest(), "Authorization", "DPoP " + token, "DPoP",
				this.key.proof("POST", RESOURCE, token));
		assertThat(init.status()).isEqualTo(200);
		String session = init.header("Mcp-Session-Id");
		Response initialized = call(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
		assertThat(initialized.status()).isEqualTo(202);
		return session;
	}

	private Response call(String token, String session, String body) {
		return this.mcp.post(body, "Authorization", "DPoP " + token, "DPoP", this.key.proof("POST", RESOURCE, token),
				"Mcp-Session-Id", session);
	}

	private String boundToken(String scope) {
		return this.authorizationServer.token(RESOURCE,
				(claims) -> claims.claim("scope", scope).claim("cnf", this.key.confirmation()));
	}

}
