package dev.mcpauth.authserver.clientcredentials;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.authserver.support.OAuthClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo profile's agent as {@code mcp-client --client-credentials} uses it: {@code demo-agent} with its demo
 * secret gets a token for the demo MCP server (application-demo.yml, demo only).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class DemoAgentTest {

	@LocalServerPort
	private int port;

	@Test
	void demoAgentObtainsATokenForTheDemoResource() {
		OAuthClient client = new OAuthClient(this.port);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("resource", "http://localhost:8001/mcp");

		HttpResponse<String> response = client.token(form, OAuthClient.basic("demo-agent", "demo-agent-secret"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(NimbusJwtDecoder.withJwkSetUri(client.baseUrl() + "/oauth2/jwks")
			.build()
			.decode(OAuthClient.json(response).get("access_token").stringValue())
			.getAudience()).containsExactly("http://localhost:8001/mcp");
	}

}
