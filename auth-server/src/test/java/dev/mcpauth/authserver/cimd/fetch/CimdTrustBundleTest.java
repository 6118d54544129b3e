package dev.mcpauth.authserver.cimd.fetch;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.AddressResolver;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.FakeResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dedicated trust of outgoing CIMD and {@code jwks_uri} fetches
 * ({@code mcp.authorization-server.cimd.ssl-bundle}, issue 15), with the hardened fetcher's guarantees on it (AS-16, AS-21, AS-23, AS-25, RFC 6125 hostname verification).
 *
 * <p>Two test CAs: the bundle {@code cimd-trust} trusts only {@code bundle-ca}; {@code jvm-ca} is what a JVM-wide
 * {@code -Djavax.net.ssl.trustStore} would add. Each refusal case installs a JVM default {@link SSLContext} that
 * trusts {@code jvm-ca} and proves, with a plain JDK client on that default, that the JVM default would have accepted
 * the host: the authorization server still refuses it, so the default was not consulted. The accepting case runs on
 * the stock JVM default, which does not know {@code bundle-ca}: the bundle alone made it work. The production fetch
 * policy stays on ({@code allow-http-and-loopback=false}); a fake DNS sends {@code cimd.test} and {@code other.test}
 * to the loopback hosts, which the development allowlist {@code 127.0.0.0/8} lets the fetcher reach.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.issuer=" + CimdTrustBundleTest.ISSUER,
				"mcp.authorization-server.cimd.allow-http-and-loopback=false",
				"mcp.authorization-server.cimd.development-allowlist=127.0.0.0/8",
				"mcp.authorization-server.cimd.negative-cache-ttl=0s",
				"mcp.authorization-server.cimd.ssl-bundle=cimd-trust",
				"spring.ssl.bundle.pem.cimd-trust.truststore.certificate=" + PemTlsDocumentHost.FIXTURES
						+ "bundle-ca.crt" })
@ActiveProfiles("demo")
@Import(CimdTrustBundleTest.FakeDns.class)
class CimdTrustBundleTest {

	static final String ISSUER = "http://issuer.test:9000";

	private static final String CALLBACK = "http://127.0.0.1/callback";

	private static final String REQUESTED_CALLBACK = "http://127.0.0.1:53111/callback";

	/** Certificate for cimd.test issued by the CA the bundle trusts. */
	private static PemTlsDocumentHost bundleTrusted;

	/** Certificate for cimd.test issued by the CA only the (test's) JVM default trusts. */
	private static PemTlsDocumentHost jvmTrusted;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private OAuthClient client;

	@BeforeAll
	static void startHosts() throws Exception {
		bundleTrusted = PemTlsDocumentHost.start("cimd-test-by-bundle-ca");
		jvmTrusted = PemTlsDocumentHost.start("cimd-test-by-jvm-ca");
	}

	@AfterAll
	static void stopHosts() {
		bundleTrusted.close();
		jvmTrusted.close();
	}

	@BeforeEach
	void client() {
		this.client = new OAuthClient(this.port);
	}

	@Test
	void documentOnHostTrustedByTheBundleIsFetchedAndAuthorized() {
		String clientId = publish(bundleTrusted, "cimd.test", "/trusted/client.json");

		HttpResponse<String> response = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, REQUESTED_CALLBACK, Pkce.generate()));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		assertThat(OAuthClient.redirectParameters(response)).containsKey("code");
		assertThat(storedClients(clientId)).isOne();
	}

	@Test
	void documentOnHostTrustedOnlyByTheJvmDefaultIsRefusedAsInvalidClient() throws Exception {
		String clientId = publish(jvmTrusted, "cimd.test", "/jvm-only/client.json");

		withJvmDefaultTrusting("jvm-ca", () -> {
			assertThat(jvmDefaultAccepts(clientId)).as("control: the JVM default trusts this host").isTrue();
			int before = jvmTrusted.requests();

			HttpResponse<String> authorization = this.client
				.authorize(OAuthClient.authorizationRequest(clientId, REQUESTED_CALLBACK, Pkce.generate()));
			HttpResponse<String> token = this.client.token(Map.of("grant_type", "authorization_code", "code", "x",
					"client_id", clientId, "redirect_uri", REQUESTED_CALLBACK, "code_verifier", "v".repeat(43)));

			assertRefusedAsInvalidClient(authorization, "the TLS handshake with the client_id host failed");
			assertThat(token.statusCode()).as(token.body()).isEqualTo(401);
			assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_client");
			assertThat(token.body()).doesNotContain("access_token");
			assertThat(jvmTrusted.requests()).as("requests past the handshake").isEqualTo(before);
		});
		assertNothingStoredOrIssued(clientId);
	}

	@Test
	void certificateForAnotherHostIsRefusedEvenWhenItsCaIsTrusted() throws Exception {
		// other.test resolves to the host whose bundle-trusted certificate names cimd.test only (RFC 6125)
		String clientId = publish(bundleTrusted, "other.test", "/mismatch/client.json");
		int before = bundleTrusted.requests();

		HttpResponse<String> authorization = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, REQUESTED_CALLBACK, Pkce.generate()));

		assertRefusedAsInvalidClient(authorization, "the TLS handshake with the client_id host failed");
		assertThat(bundleTrusted.requests()).isEqualTo(before);
		assertNothingStoredOrIssued(clientId);
	}

	@Test
	void jwksUriOnHostTrustedOnlyByTheJvmDefaultFailsClientAuthentication() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
		jvmTrusted.serveJson("/keys/jwks.json", new JWKSet(key.toPublicJWK()).toString());
		String jwksUri = jvmTrusted.url("cimd.test", "/keys/jwks.json");
		String clientId = bundleTrusted.url("cimd.test", "/key-client/client.json");
		bundleTrusted.serveJson("/key-client/client.json", """
				{"client_id":"%s","client_name":"Key client","redirect_uris":["%s"],
				 "token_endpoint_auth_method":"private_key_jwt","jwks_uri":"%s"}""".formatted(clientId, CALLBACK,
				jwksUri));
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(
					this.client.authorize(OAuthClient.authorizationRequest(clientId, REQUESTED_CALLBACK, pkce)))
			.get("code");
		assertThat(code).isNotNull();
		Map<String, String> redemption = OAuthClient.codeRedemption(clientId, code, REQUESTED_CALLBACK, pkce);
		redemption.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		redemption.put("client_assertion", assertion(clientId, key));

		withJvmDefaultTrusting("jvm-ca", () -> {
			assertThat(jvmDefaultAccepts(jwksUri)).as("control: the JVM default trusts the key host").isTrue();
			int before = jvmTrusted.requests();

			HttpResponse<String> token = this.client.token(redemption);

			assertThat(token.statusCode()).as(token.body()).isEqualTo(401);
			assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_client");
			assertThat(token.body()).doesNotContain("access_token");
			assertThat(jvmTrusted.requests()).isEqualTo(before);
		});
	}

	private static String publish(PemTlsDocumentHost host, String name, String path) {
		String clientId = host.url(name, path);
		host.serveJson(path, CimdHost.document(clientId, CALLBACK));
		return clientId;
	}

	private static void assertRefusedAsInvalidClient(HttpResponse<String> response, String reason) {
		// OAuth 2.1 §4.1.2.1: the client cannot be verified, so the error is shown, never redirected
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("<code id=\"error\">invalid_client</code>")
			.contains(HtmlUtils.htmlEscape(reason))
			.doesNotContain("Exception");
	}

	private void assertNothingStoredOrIssued(String clientId) {
		assertThat(storedClients(clientId)).as("stored clients").isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from oauth2_authorization a join oauth2_registered_client c"
				+ " on a.registered_client_id = c.id where c.client_id = ?", Integer.class, clientId)).isZero();
	}

	private int storedClients(String clientId) {
		return this.jdbc.queryForObject("select count(*) from oauth2_registered_client where client_id = ?",
				Integer.class, clientId);
	}

	/** Runs {@code body} with a JVM-wide default SSLContext that trusts {@code ca}; restores the stock one after. */
	private static void withJvmDefaultTrusting(String ca, ThrowingRunnable body) throws Exception {
		SSLContext stock = SSLContext.getDefault();
		SSLContext.setDefault(PemTlsDocumentHost.trusting(ca));
		try {
			body.run();
		}
		finally {
			SSLContext.setDefault(stock);
		}
	}

	/**
	 * Whether the JVM default context accepts the host of {@code url}: a handshake made the fetcher's way (connect to
	 * the loopback address the fake DNS gives, SNI and RFC 6125 hostname check against the URL's host).
	 */
	private static boolean jvmDefaultAccepts(String url) throws Exception {
		URI uri = URI.create(url);
		try (Socket raw = new Socket("127.0.0.1", uri.getPort());
				SSLSocket ssl = (SSLSocket) SSLContext.getDefault()
					.getSocketFactory()
					.createSocket(raw, uri.getHost(), uri.getPort(), true)) {
			SSLParameters parameters = ssl.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			parameters.setServerNames(List.of(new SNIHostName(uri.getHost())));
			ssl.setSSLParameters(parameters);
			ssl.startHandshake();
			return true;
		}
		catch (SSLException ex) {
			return false;
		}
	}

	private static String assertion(String clientId, RSAKey key) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(ISSUER)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	@FunctionalInterface
	private interface ThrowingRunnable {

		void run() throws Exception;

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FakeDns {

		@Bean
		AddressResolver fakeDns() {
			return new FakeResolver(Map.of("cimd.test", List.of("127.0.0.1"), "other.test", List.of("127.0.0.1")));
		}

	}

}
