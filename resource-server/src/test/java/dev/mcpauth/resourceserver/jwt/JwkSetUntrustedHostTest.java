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
 * {@code mcp.resource-server.jwk-set-ssl-bundle} (issue 15, RS-07, RS-08): the JWKS host's certificate is issued by a CA
 * that the JVM-wide defaults trust (set by the test, as a {@code -Djavax.net.ssl.trustStore} would) but the named
 * bundle does not. The keys are never fetched (no request gets past the handshake), and the caller gets the
 * server's "keys unavailable" answer, 503, not a validated token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "mcp.resource-server.jwk-set-ssl-bundle=jwks-trust",
				"spring.ssl.bundle.pem.jwks-trust.truststore.certificate=" + TlsJwksHost.FIXTURES + "bundle-ca.crt" })
class JwkSetUntrustedHostTest {

	private static final String RESOURCE = "http://localhost:8001/mcp";

	private static final TlsJwksHost jwks = new TlsJwksHost("localhost-by-jvm-ca");

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
	void keysOnHostTrustedOnlyByTheJvmDefaultsAreNeverUsed() throws Exception {
		McpHttp mcp = new McpHttp("http://127.0.0.1:" + this.port + "/mcp");
		String token = TestAuthorizationServer.get().token(RESOURCE, "mcp:connect");

		TlsJwksHost.withJvmDefaultsTrusting("jvm-ca", () -> {
			try {
				assertThat(jwks.jvmDefaultAccepts()).as("control: the JVM default trusts the JWKS host").isTrue();
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}

			Response response = mcp.post(McpHttp.initializeRequest(), "Authorization", McpHttp.bearer(token));

			assertThat(response.status()).as(response.body()).isEqualTo(503);
			assertThat(response.json().get("error").asString()).isEqualTo("temporarily_unavailable");
			assertThat(response.body()).doesNotContain("Exception");
			assertThat(jwks.requests()).as("JWKS requests past the handshake").isZero();
		});
	}

}
