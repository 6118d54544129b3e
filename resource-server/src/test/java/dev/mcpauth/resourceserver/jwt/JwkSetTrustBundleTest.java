package dev.mcpauth.resourceserver.jwt;

import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mcp.resource-server.jwk-set-ssl-bundle} (issue 15, RS-07): the signing keys come from an https JWKS whose
 * certificate is issued by a CA that only the named SSL bundle trusts. The JVM default trust store stays stock (it
 * does not know that CA), so a token that validates proves the bundle, and nothing JVM-wide, made the fetch work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "mcp.resource-server.jwk-set-ssl-bundle=jwks-trust",
				"spring.ssl.bundle.pem.jwks-trust.truststore.certificate=" + TlsJwksHost.FIXTURES + "bundle-ca.crt" })
class JwkSetTrustBundleTest {

	private static final String RESOURCE = "http://localhost:8001/mcp";

	private static final TlsJwksHost jwks = new TlsJwksHost("localhost-by-bundle-ca");

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void jwkSetUri(DynamicPropertyRegistry registry) {
		registry.add("mcp.resource-server.jwk-set-uri", jwks::jwkSetUri);
	}

	@AfterAll
	static void stop() {
		jwks.close();
	}

	@Test
	void tokenValidatesWithKeysFetchedThroughTheBundle() throws Exception {
		assertThat(jwks.jvmDefaultAccepts()).as("control: the stock JVM default does not trust the JWKS host").isFalse();
		McpHttp mcp = new McpHttp("http://127.0.0.1:" + this.port + "/mcp");
		String token = TestAuthorizationServer.get().token(RESOURCE, "mcp:connect");

		Response response = mcp.post(McpHttp.initializeRequest(), "Authorization", McpHttp.bearer(token));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(jwks.requests()).isEqualTo(1);
	}

}
