package dev.mcpauth.authserver.audit;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit events of the headless flows, each written as one structured JSON line and none carrying a token,
 * code, verifier or secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditEventsTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50041/callback";

	@Autowired
	private AuditEventRepository audit;

	@Test
	void tokenIssuedRefreshReuseAndCodeReplayAreAuditedWithoutSecrets(CapturedOutput output) {
		String path = uniquePath("audit-tokens");
		String clientId = cimd.url(path);
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"Audited","redirect_uris":["http://127.0.0.1/callback"],
				 "grant_types":["authorization_code","refresh_token"]}""".formatted(clientId));
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");
		Map<String, String> redemption = OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce);
		JsonNode tokens = OAuthClient.json(this.client.token(redemption));
		Map<String, String> refresh = refresh(clientId, tokens.get("refresh_token").stringValue());
		JsonNode refreshed = OAuthClient.json(this.client.token(refresh));
		assertThat(this.client.token(refresh).statusCode()).isEqualTo(400); // reuse of the rotated token
		assertThat(this.client.token(redemption).statusCode()).isEqualTo(400); // replay of the code

		List<JsonNode> issued = linesFor(output, AuditEventTypes.TOKEN_ISSUED, clientId);
		assertThat(issued).hasSize(2);
		assertThat(issued.get(0).get("audit").get("grant_type").stringValue()).isEqualTo("authorization_code");
		assertThat(issued.get(0).get("audit").get("client_kind").stringValue()).isEqualTo("cimd");
		assertThat(issued.get(0).get("audit").get("scope").stringValue()).isEqualTo("mcp:connect");
		assertThat(issued.get(1).get("audit").get("grant_type").stringValue()).isEqualTo("refresh_token");
		assertThat(linesFor(output, AuditEventTypes.REFRESH_TOKEN_REUSE, clientId)).hasSize(1);
		assertThat(linesFor(output, AuditEventTypes.AUTHORIZATION_CODE_REPLAY, clientId)).hasSize(1);
		assertThat(this.audit.find(clientId, null, AuditEventTypes.REFRESH_TOKEN_REUSE)).hasSize(1);
		assertNoSecret(output, code, pkce.verifier(), tokens.get("access_token").stringValue(),
				tokens.get("refresh_token").stringValue(), refreshed.get("access_token").stringValue(),
				refreshed.get("refresh_token").stringValue());
	}

	@Test
	void clientRegistrationIsAudited(CapturedOutput output) {
		HttpResponse<String> response = this.client.postJson("/oauth2/register",
				"{\"client_name\":\"Registered\",\"redirect_uris\":[\"http://127.0.0.1/callback\"]}");
		String clientId = OAuthClient.json(response).get("client_id").stringValue();

		List<JsonNode> lines = linesFor(output, AuditEventTypes.CLIENT_REGISTERED, clientId);
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0).get("audit").get("client_kind").stringValue()).isEqualTo("dcr");
		assertThat(lines.get(0).get("audit").get("client_name").stringValue()).isEqualTo("Registered");
		assertThat(lines.get(0).get("audit").get("remote_address").stringValue()).isEqualTo("127.0.0.1");
	}

	@Test
	void confidentialClientSecretNeverReachesTheAuditTrail(CapturedOutput output) {
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(
					this.client.authorize(OAuthClient.authorizationRequest("preregistered", CALLBACK, pkce)))
			.get("code");
		Map<String, String> form = OAuthClient.codeRedemption("preregistered", code, CALLBACK, pkce);
		form.put("client_secret", "s3cret");
		JsonNode tokens = OAuthClient.json(this.client.token(form));

		assertThat(linesFor(output, AuditEventTypes.TOKEN_ISSUED, "preregistered")).hasSize(1)
			.allSatisfy((line) -> assertThat(line.get("audit").get("client_kind").stringValue())
				.isEqualTo("pre_registered"));
		assertNoSecret(output, "s3cret", code, pkce.verifier(), tokens.get("access_token").stringValue());
	}

	@Test
	void cimdClientFirstSeenAndDocumentChangeAreAudited(CapturedOutput output) {
		String path = uniquePath("audit-cimd");
		String clientId = cimd.url(path);
		// no-store: every authorization refetches, so the change is seen at once
		cimd.serve(path, 200, "application/json", document(clientId, "Before", "http://127.0.0.1/callback"),
				Map.of("Cache-Control", "no-store"));
		this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));
		this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));
		cimd.serve(path, 200, "application/json",
				document(clientId, "After", "http://127.0.0.1/callback\",\"http://localhost/callback"),
				Map.of("Cache-Control", "no-store"));
		this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));

		assertThat(linesFor(output, AuditEventTypes.CIMD_CLIENT_FIRST_SEEN, clientId)).hasSize(1);
		List<JsonNode> changed = linesFor(output, AuditEventTypes.CIMD_DOCUMENT_CHANGED, clientId);
		assertThat(changed).hasSize(1);
		assertThat(changed.get(0).get("audit").get("changed").stringValue()).isEqualTo("client_name redirect_uris");
		List<AuditEvent> stored = this.audit.find(clientId, null, AuditEventTypes.CIMD_DOCUMENT_CHANGED);
		assertThat(stored).hasSize(1);
		assertThat(stored.get(0).getData()).containsEntry("client_name", "After");
	}

	private static String document(String clientId, String name, String redirectUris) {
		return """
				{"client_id":"%s","client_name":"%s","redirect_uris":["%s"]}""".formatted(clientId, name, redirectUris);
	}

	static List<JsonNode> linesFor(CapturedOutput output, String type, String clientId) {
		return AuditLines.ofType(output.getAll(), type)
			.stream()
			.filter((line) -> clientId.equals(line.get("audit").get("client_id").stringValue()))
			.toList();
	}

	static void assertNoSecret(CapturedOutput output, String... secrets) {
		List<JsonNode> lines = AuditLines.of(output.getAll());
		assertThat(lines).isNotEmpty();
		for (JsonNode line : lines) {
			for (String secret : secrets) {
				assertThat(line.toString()).doesNotContain(secret);
			}
		}
	}

	private static Map<String, String> refresh(String clientId, String refreshToken) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		form.put("client_id", clientId);
		return form;
	}

}
