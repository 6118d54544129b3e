package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import javax.net.ssl.SSLContext;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.FetchedDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hardened fetcher over real loopback sockets (AS-22..AS-25, checklist §3.6). The development allowlist is
 * enabled only where a test needs to reach its loopback server; SSRF tests assert that no connection was made.
 */
@ExtendWith(OutputCaptureExtension.class)
class HardenedDocumentFetcherTest {

	private static final String DOCUMENT = "{\"client_id\":\"x\",\"client_name\":\"Test\",\"redirect_uris\":[]}";

	private static final FetchLimits FAST = new FetchLimits(Duration.ofSeconds(1), Duration.ofMillis(1500), 5120);

	/**
	 * For the TLS tests, which check certificate verification, not deadlines: a first handshake in a cold JVM on a
	 * loaded machine can take longer than {@link #FAST}'s 1.5 s, and a deadline would then fail them for the wrong
	 * reason.
	 */
	private static final FetchLimits TLS = new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(20), 5120);

	private LoopbackServer server;

	private HardenedDocumentFetcher fetcher;

	@AfterEach
	void stop() throws IOException {
		if (this.fetcher != null) {
			this.fetcher.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void fetchesDocumentFromCheckedAddressWithoutCookiesOrCredentials() throws Exception {
		this.server = LoopbackServer.answering(ok("application/json", "max-age=600", DOCUMENT));
		FakeResolver resolver = FakeResolver.of("cimd.test", "127.0.0.1");
		this.fetcher = development(resolver);

		FetchedDocument document = this.fetcher.fetch("http://cimd.test:" + this.server.port() + "/client.json");

		assertThat(new String(document.body(), StandardCharsets.UTF_8)).isEqualTo(DOCUMENT);
		assertThat(document.maxAge()).isEqualTo(Duration.ofMinutes(10));
		assertThat(resolver.questions()).containsExactly("cimd.test");
		String request = this.server.requests().get(0);
		assertThat(request).startsWith("GET /client.json HTTP/1.1\r\n")
			.contains("Host: cimd.test:" + this.server.port() + "\r\n")
			.contains("Accept: application/json\r\n")
			.contains("Accept-Encoding: identity\r\n");
		assertThat(request.toLowerCase()).doesNotContain("cookie").doesNotContain("authorization");
	}

	@Test
	void demoClientIdOnLocalhostWorksWithThePlatformResolver() throws Exception {
		// the demo's http://localhost:3000/... shape: "localhost" may resolve to ::1 first; the fetch then falls
		// back to 127.0.0.1, where the server listens (both are in the loopback development allowlist)
		this.server = LoopbackServer.answering(ok("application/json", null, DOCUMENT));
		this.fetcher = development(AddressResolver.system());

		FetchedDocument document = this.fetcher.fetch("http://localhost:" + this.server.port() + "/client-metadata.json");

		assertThat(new String(document.body(), StandardCharsets.UTF_8)).isEqualTo(DOCUMENT);
	}

	@Test
	void reportsNoLifetimeWithoutCacheControlAndZeroForNoStore() throws Exception {
		this.server = LoopbackServer.answering(ok("application/json", null, DOCUMENT));
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));
		assertThat(this.fetcher.fetch(url("/a.json")).maxAge()).isNull();
		this.server.close();

		this.server = LoopbackServer.answering(ok("application/json", "no-store, max-age=600", DOCUMENT));
		assertThat(this.fetcher.fetch(url("/a.json")).maxAge()).isZero();
	}

	@Test
	void acceptsStructuredJsonSuffixContentType() throws Exception {
		this.server = LoopbackServer.answering(ok("application/client-metadata+json; charset=utf-8", null, DOCUMENT));
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		assertThat(this.fetcher.fetch(url("/a.json")).body()).hasSize(DOCUMENT.length());
	}

	@Test
	void readsChunkedBody() throws Exception {
		this.server = LoopbackServer.answering("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n");
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		assertThat(new String(this.fetcher.fetch(url("/a.json")).body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
	}

	// --- SSRF: nothing is connected to (AS-25, CIMD-01 §6.5) ---

	@Test
	void refusesHostResolvingToLoopbackWithoutConnecting(CapturedOutput output) throws Exception {
		this.server = LoopbackServer.answering(ok("application/json", null, DOCUMENT));
		FakeResolver resolver = FakeResolver.of("cimd.test", "127.0.0.1");
		this.fetcher = production(resolver);

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch("https://cimd.test:" + this.server.port() + "/client.json"))
			.withMessageContaining("special-use address (loopback");
		assertThat(this.server.accepts()).isZero();
		assertThat(output.getAll()).containsOnlyOnce("CIMD fetch refused: host=cimd.test reason=");
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.5", "169.254.169.254", "100.64.0.1", "192.168.1.1", "::1", "fd00::1",
			"fe80::1", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe", "0.0.0.0" })
	void refusesHostResolvingToSpecialUseAddressWithoutConnecting(String address) throws Exception {
		this.server = LoopbackServer.answering(ok("application/json", null, DOCUMENT));
		this.fetcher = production(FakeResolver.of("cimd.test", address));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch("https://cimd.test:" + this.server.port() + "/client.json"))
			.withMessageContaining("special-use address");
		assertThat(this.server.accepts()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1:%d/c.json", "https://[::1]:%d/c.json",
			"https://[::ffff:127.0.0.1]:%d/c.json", "https://2130706433:%d/c.json", "https://10.0.0.5:%d/c.json",
			"https://169.254.169.254:%d/latest/meta-data", "https://[fd00::1]:%d/c.json" })
	void refusesSpecialUseIpLiteralWithoutConnectingOrResolving(String template) throws Exception {
		this.server = LoopbackServer.answering(ok("application/json", null, DOCUMENT));
		FakeResolver resolver = new FakeResolver(Map.of("2130706433", List.of("127.0.0.1")));
		this.fetcher = production(resolver);

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(template.formatted(this.server.port())))
			.withMessageContaining("special-use address");
		assertThat(this.server.accepts()).isZero();
	}

	@Test
	void refusesWhenAnyResolvedAddressIsSpecialUse() throws Exception {
		this.server = LoopbackServer.answering(ok("application/json", null, DOCUMENT));
		// a public address first and loopback second: a client that tried them in turn would reach loopback
		this.fetcher = production(FakeResolver.of("cimd.test", "93.184.215.14", "127.0.0.1"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch("https://cimd.test:" + this.server.port() + "/client.json"))
			.withMessageContaining("special-use address");
		assertThat(this.server.accepts()).isZero();
	}

	@Test
	void developmentAllowlistPermitsExactlyItsBlocks() throws Exception {
		this.server = LoopbackServer.answering(ok("application/json", null, DOCUMENT));
		this.fetcher = development(FakeResolver.of("cimd.test", "10.0.0.1"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessageContaining("private-use");
		assertThat(this.server.accepts()).isZero();
	}

	@Test
	void developmentHttpNeverReachesPublicAddresses() throws Exception {
		this.fetcher = development(FakeResolver.of("cimd.test", "93.184.215.14"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch("http://cimd.test/client.json"))
			.withMessage("client_id URL must use https");
	}

	@Test
	void resolvesOnceSoRebindingCannotSwitchTheAddress() throws Exception {
		this.server = LoopbackServer.answering(ok("application/json", null, DOCUMENT));
		FakeResolver resolver = FakeResolver.of("cimd.test", "127.0.0.1");
		this.fetcher = development(resolver);

		this.fetcher.fetch(url("/client.json"));

		assertThat(resolver.questions()).containsExactly("cimd.test");
		assertThat(this.server.accepts()).isEqualTo(1);
	}

	@Test
	void refusesUnresolvableHost() {
		this.fetcher = production(new FakeResolver(Map.of()));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch("https://nowhere.test/client.json"))
			.withMessage("the client_id host does not resolve");
	}

	@Test
	void refusesBadUrlBeforeResolving() {
		FakeResolver resolver = FakeResolver.of("cimd.test", "93.184.215.14");
		this.fetcher = production(resolver);

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch("https://cimd.test/a/../client.json"));
		assertThat(resolver.questions()).isEmpty();
	}

	// --- transport rules (AS-23, AS-24, CIMD-01 §4) ---

	@Test
	void doesNotFollowRedirectToPrivateAddress() throws Exception {
		this.server = LoopbackServer.answering("HTTP/1.1 302 Found\r\nLocation: http://10.0.0.5/admin\r\n"
				+ "Content-Length: 0\r\n\r\n");
		FakeResolver resolver = FakeResolver.of("cimd.test", "127.0.0.1");
		this.fetcher = development(resolver);

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessageContaining("redirects are not followed");
		assertThat(this.server.accepts()).isEqualTo(1);
		assertThat(resolver.questions()).containsExactly("cimd.test");
	}

	@ParameterizedTest
	@ValueSource(ints = { 201, 204, 304, 404, 500 })
	void refusesEveryStatusButOk(int status) throws Exception {
		this.server = LoopbackServer.answering("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + DOCUMENT.length() + "\r\n\r\n" + DOCUMENT);
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessageContaining("HTTP " + status);
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "text/plain", "application/javascript", "application/jsonx",
			"application/+json" })
	void refusesNonJsonContentType(String contentType) throws Exception {
		this.server = LoopbackServer.answering(ok(contentType, null, DOCUMENT));
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessage("the client metadata document is not served as application/json");
	}

	@Test
	void refusesMissingContentType() throws Exception {
		this.server = LoopbackServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessage("the client metadata document is not served as application/json");
	}

	@Test
	void refusesSixKilobyteBodyDeclaredByContentLength() throws Exception {
		this.server = LoopbackServer.answering(ok("application/json", null, padded(6 * 1024)));
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessage("the client metadata document exceeds 5120 bytes");
	}

	@Test
	void cutsOffSixKilobyteBodyWithoutLengthWhileStreaming() throws Exception {
		// close-delimited and then endless: only a cap applied while reading can stop this
		this.server = new LoopbackServer((out) -> {
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			byte[] kilobyte = new byte[1024];
			java.util.Arrays.fill(kilobyte, (byte) ' ');
			for (int i = 0; i < 10_000; i++) {
				out.write(kilobyte);
			}
		});
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		long start = System.nanoTime();
		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessage("the client metadata document exceeds 5120 bytes");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST.totalTimeout());
	}

	@Test
	void cutsOffOversizedChunkedBody() throws Exception {
		String chunk = padded(3000);
		this.server = LoopbackServer.answering("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n"
				+ Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessage("the client metadata document exceeds 5120 bytes");
	}

	@Test
	void refusesGzipBombWithoutInflating() throws Exception {
		byte[] bomb = gzip(new byte[10 * 1024 * 1024]); // 10 MB of zeros, about 10 KB compressed
		this.server = new LoopbackServer((out) -> {
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
					+ "Content-Length: " + bomb.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(bomb);
		});
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessage("the client metadata document must not be compressed");
	}

	@Test
	void cutsOffServerThatTricklesBytesAtTotalDeadline() throws Exception {
		this.server = new LoopbackServer((out) -> {
			byte[] response = ok("application/json", null, padded(4000)).getBytes(StandardCharsets.US_ASCII);
			for (byte b : response) {
				out.write(b);
				out.flush();
				Thread.sleep(50); // each byte well within any per-read timeout
			}
		});
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		long start = System.nanoTime();
		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessage("fetching the client metadata document took longer than 1500 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1400),
				Duration.ofMillis(3000));
	}

	@Test
	void cutsOffServerThatNeverAnswers() throws Exception {
		this.server = new LoopbackServer((out) -> Thread.sleep(10_000));
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch(url("/client.json")))
			.withMessageStartingWith("fetching the client metadata document took longer than");
	}

	@Test
	void reportsConnectionRefused() throws Exception {
		LoopbackServer closed = LoopbackServer.answering("");
		int port = closed.port();
		closed.close();
		this.fetcher = development(FakeResolver.of("cimd.test", "127.0.0.1"));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.fetcher.fetch("http://cimd.test:" + port + "/client.json"))
			.withMessage("could not connect to the client_id host");
	}

	// --- TLS over the pinned address: the certificate must match the URL's host (RFC 6125) ---

	@Test
	void verifiesCertificateAgainstUrlHostNotTheAddress() throws Exception {
		try (TestTlsServer tls = TestTlsServer.start(DOCUMENT)) {
			this.fetcher = new HardenedDocumentFetcher(new CimdUrlPolicy(List.of(), List.of(), true),
					new FakeResolver(Map.of("cimd.test", List.of("127.0.0.1"), "other.test", List.of("127.0.0.1"))),
					DevelopmentAllowlist.loopback(), TLS, tls.clientContext().getSocketFactory());

			FetchedDocument document = this.fetcher.fetch("https://cimd.test:" + tls.port() + "/client.json");
			assertThat(new String(document.body(), StandardCharsets.UTF_8)).isEqualTo(DOCUMENT);

			assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
				.isThrownBy(() -> this.fetcher.fetch("https://other.test:" + tls.port() + "/client.json"))
				.withMessage("the TLS handshake with the client_id host failed");
		}
	}

	@Test
	void refusesUntrustedCertificate() throws Exception {
		try (TestTlsServer tls = TestTlsServer.start(DOCUMENT)) {
			this.fetcher = new HardenedDocumentFetcher(new CimdUrlPolicy(List.of(), List.of(), true),
					FakeResolver.of("cimd.test", "127.0.0.1"), DevelopmentAllowlist.loopback(), TLS,
					SSLContext.getDefault().getSocketFactory());

			assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
				.isThrownBy(() -> this.fetcher.fetch("https://cimd.test:" + tls.port() + "/client.json"))
				.withMessage("the TLS handshake with the client_id host failed");
		}
	}

	private String url(String path) {
		return "http://cimd.test:" + this.server.port() + path;
	}

	private static HardenedDocumentFetcher development(AddressResolver resolver) throws Exception {
		return new HardenedDocumentFetcher(new CimdUrlPolicy(List.of(), List.of(), true), resolver,
				DevelopmentAllowlist.loopback(), FAST, SSLContext.getDefault().getSocketFactory());
	}

	private static HardenedDocumentFetcher production(AddressResolver resolver) {
		try {
			return new HardenedDocumentFetcher(new CimdUrlPolicy(List.of(), List.of(), false), resolver,
					DevelopmentAllowlist.none(), FAST, SSLContext.getDefault().getSocketFactory());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String ok(String contentType, String cacheControl, String body) {
		return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\n"
				+ ((cacheControl != null) ? "Cache-Control: " + cacheControl + "\r\n" : "") + "Content-Length: "
				+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
	}

	static String padded(int size) {
		return "{\"pad\":\"" + "x".repeat(size - 10) + "\"}";
	}

	private static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(data);
		}
		return bytes.toByteArray();
	}

}
