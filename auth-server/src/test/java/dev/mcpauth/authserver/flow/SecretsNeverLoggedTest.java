package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Codes, PKCE verifiers, access and refresh tokens never reach the log, including on the error paths (MCP "Token
 * Theft"; the project's non-negotiables).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50008/callback";

	@Test
	void fullFlowWithRefreshAndReplayLogsNoSecret(CapturedOutput output) {
		String path = uniquePath("logs");
		String clientId = cimd.url(path);
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"Logs","redirect_uris":["http://127.0.0.1/callback"],
				 "grant_types":["authorization_code","refresh_token"]}""".formatted(clientId));
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");
		Map<String, String> redemption = OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce);
		JsonNode tokens = OAuthClient.json(this.client.token(redemption));
		Map<String, String> refresh = new LinkedHashMap<>();
		refresh.put("grant_type", "refresh_token");
		refresh.put("refresh_token", tokens.get("refresh_token").stringValue());
		refresh.put("client_id", clientId);
		JsonNode refreshed = OAuthClient.json(this.client.token(refresh));
		this.client.token(refresh);
		HttpResponse<String> replay = this.client.token(redemption);

		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(output.getAll()).doesNotContain(code)
			.doesNotContain(pkce.verifier())
			.doesNotContain(tokens.get("access_token").stringValue())
			.doesNotContain(tokens.get("refresh_token").stringValue())
			.doesNotContain(refreshed.get("access_token").stringValue())
			.doesNotContain(refreshed.get("refresh_token").stringValue());
	}

}
