package dev.mcpauth.oauth2.client.http;

import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.cimd.ClientMetadataDocumentHost;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TLS with a private CA (issue 15; CIMD-00 §3, CL-03 "verify the TLS certificate"): the embedded CIMD host serves
 * over https with a certificate from a test CA, and the HTTP client trusts it through the SSL context it is given
 * (the command line's {@code mcp-client.ssl-bundle}), which the JVM default trust store does not know.
 */
class PrivateCaTrustTest {

	private static final String FIXTURES = "classpath:dev/mcpauth/oauth2/client/tls/";

	private final JsonMapper json = JsonMapper.builder().build();

	private final AuthorizationTraceListener quiet = AuthorizationTraceListener.NONE;

	@Test
	void documentHostServesHttpsAndTheConfiguredTrustAcceptsIt() {
		try (ClientMetadataDocumentHost host = new ClientMetadataDocumentHost("127.0.0.1", 0, null, "TLS client",
				this.json, serverCertificate())) {
			assertThat(host.clientId()).startsWith("https://localhost:").endsWith("/client-metadata.json");

			OAuthHttpClient.Response response = new OAuthHttpClient(this.json, Duration.ofSeconds(5), this.quiet, trustingLocalCa())
				.get(URI.create(host.clientId()));

			assertThat(response.status()).isEqualTo(200);
			assertThat(this.json.readTree(response.body()).get("client_id").asString()).isEqualTo(host.clientId());
		}
	}

	@Test
	void withoutTheBundleTheJvmDefaultRefusesTheLocalCa() {
		try (ClientMetadataDocumentHost host = new ClientMetadataDocumentHost("127.0.0.1", 0, null, "TLS client",
				this.json, serverCertificate())) {
			OAuthHttpClient jvmDefault = new OAuthHttpClient(this.json, Duration.ofSeconds(5), this.quiet);

			assertThatExceptionOfType(McpAuthorizationException.class).isThrownBy(() -> jvmDefault.get(URI.create(host.clientId())))
				.withMessageStartingWith("cannot reach " + host.clientId());
			assertThat(host.takeFetches()).isEmpty();
		}
	}

	private static SSLContext trustingLocalCa() {
		return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(FIXTURES + "bundle-ca.crt")))
			.createSslContext();
	}

	private static SSLContext serverCertificate() {
		return SslBundle
			.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate(FIXTURES + "localhost-by-bundle-ca.crt")
				.withPrivateKey(FIXTURES + "localhost-by-bundle-ca.key"), null))
			.createSslContext();
	}

}
