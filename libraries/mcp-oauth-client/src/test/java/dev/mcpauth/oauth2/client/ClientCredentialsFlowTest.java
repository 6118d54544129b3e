package dev.mcpauth.oauth2.client;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.support.FakeMcpDeployment;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client credentials grant (OAuth 2.1 section 4.2, MCP client credentials extension) over real HTTP through the
 * SDK transport: no browser and no authorization request, {@code resource} and scopes as in the code flow, step-up
 * with the union of scopes, client_secret_basic or a private_key_jwt assertion the fake AS verifies with Nimbus.
 */
class ClientCredentialsFlowTest {

	private FakeMcpDeployment deployment;

	private final List<String> trace = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws Exception {
		this.deployment = new FakeMcpDeployment();
		this.deployment.cimdSupported = false;
		this.deployment.registrationOffered = false;
	}

	@AfterEach
	void stop() {
		this.deployment.close();
	}

	@Test
	void authenticatesWithClientSecretBasicAndStepsUpWithTheUnionOfScopes() throws Exception {
		try (McpOAuthClient oauth = builder().clientCredentials(FakeMcpDeployment.CC_CLIENT_ID, FakeMcpDeployment.CC_SECRET)
			.build()) {
			runJourney(oauth);
			assertThat(oauth.grant()).isEqualTo(AuthorizationGrant.CLIENT_CREDENTIALS);
			assertThat(oauth.authorizations()).isEqualTo(2);
		}
		List<Map<String, String>> tokenRequests = this.deployment.tokenRequests();
		assertThat(tokenRequests).extracting(t -> t.get("grant_type")).containsOnly("client_credentials");
		assertThat(tokenRequests).extracting(t -> t.get("scope")).containsExactly("mcp:connect", "mcp:connect weather:read");
		assertThat(tokenRequests).allSatisfy(t -> assertThat(t).containsEntry("resource", this.deployment.resource())
			.doesNotContainKeys("client_secret", "client_assertion", "code", "redirect_uri"));
		assertThat(this.deployment.as.requests()).filteredOn(r -> r.path().equals("/token"))
			.allSatisfy(r -> assertThat(r.headers().getFirst("Authorization")).isEqualTo("Basic "
					+ Base64.getEncoder().encodeToString("cc-client:cc-secret".getBytes())));
		assertThat(this.deployment.authorizationRequests()).isEmpty();
		assertThat(this.trace).contains("Authorization (client credentials, client_secret_basic) for base scope")
			.anyMatch(l -> l.startsWith("client_credentials grant: client_id=cc-client auth=client_secret_basic scope=mcp:connect"));
		assertThat(String.join("\n", this.trace)).doesNotContain(FakeMcpDeployment.CC_SECRET);
	}

	@Test
	void authenticatesWithAPrivateKeyJwtFromAPkcs8Pem() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();
		this.deployment.clientPublicKey = key.toPublicJWK();
		String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.toPrivateKey().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";

		try (McpOAuthClient oauth = builder().clientCredentials(FakeMcpDeployment.CC_CLIENT_ID, null)
			.clientPrivateKey(pem)
			.build()) {
			runJourney(oauth);
		}
		assertThat(this.deployment.problems).isEmpty();
		// one assertion per token request, each with its own jti, audience the issuer (the AS checks both)
		assertThat(this.deployment.assertions).hasSize(2)
			.allSatisfy(c -> assertThat(c.getAudience()).containsExactly(this.deployment.as.origin()));
		assertThat(this.deployment.assertions).extracting(c -> c.getJWTID()).doesNotHaveDuplicates();
		assertThat(this.deployment.as.requests()).filteredOn(r -> r.path().equals("/token"))
			.allSatisfy(r -> assertThat(r.headers().containsKey("Authorization")).isFalse());
		assertThat(this.trace).contains("Authorization (client credentials, private_key_jwt) for base scope");
		assertThat(String.join("\n", this.trace)).doesNotContain("client_assertion=").doesNotContain("eyJ");
	}

	@Test
	void authenticatesWithAPrivateKeyJwtFromAnRsaJwk() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).generate();
		this.deployment.clientPublicKey = key.toPublicJWK();

		try (McpOAuthClient oauth = builder().clientCredentials(FakeMcpDeployment.CC_CLIENT_ID, "")
			.clientPrivateKey(key.toJSONString())
			.build()) {
			runJourney(oauth);
		}
		assertThat(this.deployment.problems).isEmpty();
		assertThat(this.deployment.assertions).hasSize(2);
	}

	@Test
	void getsDpopBoundTokensWhenTheServerAnnouncesDpop() throws Exception {
		this.deployment.dpop = true;
		try (McpOAuthClient oauth = builder().clientCredentials(FakeMcpDeployment.CC_CLIENT_ID, FakeMcpDeployment.CC_SECRET)
			.build()) {
			runJourney(oauth);
		}
		assertThat(this.deployment.problems).isEmpty();
		assertThat(this.deployment.as.requests()).filteredOn(r -> r.path().equals("/token"))
			.allSatisfy(r -> assertThat(r.headers().getFirst("DPoP")).isNotBlank());
		assertThat(this.deployment.rs.requests()).filteredOn(r -> r.headers().containsKey("Authorization"))
			.isNotEmpty()
			.allSatisfy(r -> assertThat(r.headers().getFirst("Authorization")).startsWith("DPoP "));
	}

	@Test
	void refusesToBuildWithoutWhatTheGrantNeeds() {
		assertThatThrownBy(() -> builder().build()).isInstanceOf(IllegalStateException.class)
			.hasMessage("the client credentials grant needs a pre-registered client id and a client secret or private key");
		assertThatThrownBy(() -> builder().clientCredentials("cc-client", null).build())
			.hasMessage("the client credentials grant needs a pre-registered client id and its client secret or private key");
		assertThatThrownBy(() -> builder().clientCredentials("cc-client", "s").clientPrivateKey("{\"kty\":\"EC\"}").build())
			.hasMessage("give the client either a secret or a private key, not both");
		assertThatThrownBy(() -> builder().clientCredentials("cc-client", null).clientPrivateKey("not a key").build())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("the client private key is neither a PKCS #8 PEM nor a private JWK");
	}

	@Test
	void givesUpWhenTheAuthorizationServerRefusesTheClient() throws Exception {
		try (McpOAuthClient oauth = builder().clientCredentials(FakeMcpDeployment.CC_CLIENT_ID, "wrong").build()) {
			McpSyncClient client = McpClient.sync(transport(oauth)).requestTimeout(Duration.ofSeconds(20)).build();
			assertThatThrownBy(client::initialize).isInstanceOf(RuntimeException.class);
			client.close();
			assertThat(oauth.failure()).get()
				.extracting(Throwable::getMessage)
				.isEqualTo("token endpoint refused the client_credentials grant: invalid_client");
		}
	}

	private McpOAuthClient.Builder builder() {
		return McpOAuthClient.builder(this.deployment.resource())
			.grant(AuthorizationGrant.CLIENT_CREDENTIALS)
			.timeout(Duration.ofSeconds(10))
			.listener(new AuthorizationTraceListener() {
				@Override
				public void step(String title) {
					ClientCredentialsFlowTest.this.trace.add(title);
				}

				@Override
				public void detail(String line) {
					ClientCredentialsFlowTest.this.trace.add(line);
				}

				@Override
				public void verbose(String line) {
					ClientCredentialsFlowTest.this.trace.add(line);
				}
			});
	}

	private void runJourney(McpOAuthClient oauth) {
		McpSyncClient client = McpClient.sync(transport(oauth)).requestTimeout(Duration.ofSeconds(20)).build();
		try {
			client.initialize();
			assertThat(text(client.callTool(new McpSchema.CallToolRequest("whoami", Map.of())))).contains("demo-user");
			assertThat(text(client.callTool(new McpSchema.CallToolRequest("get_weather", Map.of("city", "Oslo")))))
				.isEqualTo("Sunny in Oslo");
		}
		finally {
			client.closeGracefully();
		}
		assertThat(oauth.stepUps()).isEqualTo(1);
		assertThat(oauth.failure()).isEmpty();
	}

	private HttpClientStreamableHttpTransport transport(McpOAuthClient oauth) {
		return HttpClientStreamableHttpTransport.builder(this.deployment.rs.origin())
			.endpoint("/mcp")
			.httpRequestCustomizer(oauth.requestCustomizer())
			.authorizationErrorHandler(oauth.authorizationErrorHandler())
			.build();
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

}
