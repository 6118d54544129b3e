package dev.mcpauth.authserver.cimd.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import dev.mcpauth.oauth2.server.authorization.cimd.fetch.LoopbackServer;
import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security matrix, part 2: hostile documents and document hosts (AS-17..AS-24), hostile authorization and token
 * requests (AS-05..AS-08, AS-30..AS-32), and the single-flight guarantee, against the running authorization server
 * in the demo profile (the demo user is logged in; documents are served from loopback). Each test asserts the
 * response and that nothing was fetched, stored or issued that should not be.
 */
class DocumentAndFlowMatrixTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1/callback";

	private static final String REQUESTED_CALLBACK = "http://127.0.0.1:53111/callback";

	@Autowired
	private JdbcTemplate jdbc;

	// --- the document host misbehaves ---

	@Test
	void redirectToPrivateAddressIsNotFollowed() {
		String path = uniquePath("redirect");
		cimd.serve(path, 302, "text/plain", "", Map.of("Location", "http://10.0.0.5/client.json"));

		assertErrorPageAndNothingStored(cimd.url(path), "HTTP 302");
		assertThat(cimd.hits(path)).isEqualTo(1);
	}

	@Test
	void serverThatTricklesBytesIsCutOffAtTheTotalDeadline() throws Exception {
		try (LoopbackServer trickle = new LoopbackServer((out) -> {
			for (byte b : HttpResponses.ok("application/json", null, "{}").getBytes(StandardCharsets.US_ASCII)) {
				out.write(b);
				out.flush();
				Thread.sleep(1000);
			}
		})) {
			long start = System.nanoTime();

			assertErrorPageAndNothingStored("http://127.0.0.1:" + trickle.port() + "/trickle/client.json",
					"took longer than");
			assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(9);
		}
	}

	@Test
	void sixKilobyteDocumentIsRefused() {
		String path = uniquePath("large");
		cimd.serveJson(path, HttpResponses.padded(6 * 1024));

		assertErrorPageAndNothingStored(cimd.url(path), "exceeds 5120 bytes");
	}

	@Test
	void gzipBombIsRefusedWithoutInflating() throws Exception {
		byte[] bomb = gzip(new byte[10 * 1024 * 1024]);
		try (LoopbackServer server = new LoopbackServer((out) -> {
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
					+ "Content-Length: " + bomb.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(bomb);
		})) {
			assertErrorPageAndNothingStored("http://127.0.0.1:" + server.port() + "/bomb/client.json",
					"must not be compressed");
		}
	}

	@Test
	void nonJsonBodyIsRefused() {
		String path = uniquePath("notjson");
		cimd.serveJson(path, "<html>not json</html>");

		assertErrorPageAndNothingStored(cimd.url(path), "not valid JSON");
	}

	@Test
	void wrongContentTypeIsRefused() {
		String path = uniquePath("html");
		cimd.serve(path, 200, "text/html", CimdHost.document(cimd.url(path), CALLBACK), Map.of());

		assertErrorPageAndNothingStored(cimd.url(path), "application/json");
	}

	// --- the document itself is hostile (AS-17, AS-18, AS-20, §3.2) ---

	@Test
	void clientIdMismatchByTrailingSlashIsRefused() {
		String path = uniquePath("slash");
		cimd.serveJson(path, CimdHost.document(cimd.url(path) + "/", CALLBACK));

		assertErrorPageAndNothingStored(cimd.url(path), "client_id does not match");
	}

	@Test
	void clientIdMismatchByLetterCaseIsRefused() {
		String path = uniquePath("case");
		cimd.serveJson(path, CimdHost.document(cimd.url(path).replace("/client.json", "/Client.json"), CALLBACK));

		assertErrorPageAndNothingStored(cimd.url(path), "client_id does not match");
	}

	@Test
	void sharedSecretAuthMethodIsRefused() {
		String path = uniquePath("basic");
		cimd.serveJson(path, CimdHost.document(cimd.url(path), CALLBACK)
			.replace("\"none\"", "\"client_secret_basic\""));

		assertErrorPageAndNothingStored(cimd.url(path), "token_endpoint_auth_method");
	}

	@Test
	void secretFieldIsRefused() {
		String path = uniquePath("secret");
		cimd.serveJson(path, CimdHost.document(cimd.url(path), CALLBACK).replace("{", "{\"client_secret\":\"s3cret\","));

		assertErrorPageAndNothingStored(cimd.url(path), "client_secret");
	}

	@Test
	void missingRedirectUrisIsRefused() {
		String path = uniquePath("noredirects");
		cimd.serveJson(path, CimdHost.document(cimd.url(path)).replace("\"redirect_uris\":[],", ""));

		assertErrorPageAndNothingStored(cimd.url(path), "no redirect_uris");
	}

	@Test
	void javascriptRedirectUriIsRefused() {
		String path = uniquePath("javascript");
		cimd.serveJson(path, CimdHost.document(cimd.url(path), "javascript:alert(document.cookie)"));

		assertErrorPageAndNothingStored(cimd.url(path), "forbidden scheme");
	}

	// --- hostile authorization requests (AS-05, AS-06, AS-08, AS-31, §3.4) ---

	@Test
	void missingPkceGetsNoCode() {
		Map<String, String> request = validRequest("nopkce");
		request.remove("code_challenge");
		request.remove("code_challenge_method");

		assertRedirectedErrorWithoutCode(request, "invalid_request");
	}

	@Test
	void plainPkceGetsNoCode() {
		Map<String, String> request = validRequest("plainpkce");
		request.put("code_challenge", "a-plain-verifier-that-is-long-enough-for-rfc7636-section-4");
		request.put("code_challenge_method", "plain");

		assertRedirectedErrorWithoutCode(request, "invalid_request");
	}

	@Test
	void unknownResourceGetsNoCode() {
		Map<String, String> request = validRequest("unknownresource");
		request.put("resource", "https://attacker.example/mcp");

		assertRedirectedErrorWithoutCode(request, "invalid_target");
	}

	@Test
	void unknownScopeGetsNoCode() {
		Map<String, String> request = validRequest("unknownscope");
		request.put("scope", "mcp:connect admin:all");

		assertRedirectedErrorWithoutCode(request, "invalid_scope");
	}

	@Test
	void unregisteredRedirectUriGetsErrorPageNotRedirect() {
		Map<String, String> request = validRequest("redirectmismatch");
		request.put("redirect_uri", "https://attacker.example/callback");

		HttpResponse<String> response = this.client.authorize(request);

		assertErrorPage(response, "redirect_uri");
		assertThat(authorizations(request.get("client_id"))).isZero();
	}

	@Test
	void nonLoopbackRedirectWithAnotherPortGetsErrorPage() {
		String clientId = cimd.publish(uniquePath("httpsport"), "https://app.example.test/callback");
		Map<String, String> request = OAuthClient.authorizationRequest(clientId,
				"https://app.example.test:8443/callback", Pkce.generate());

		HttpResponse<String> response = this.client.authorize(request);

		assertErrorPage(response, "redirect_uri");
		assertThat(authorizations(clientId)).isZero();
	}

	// --- hostile token requests (AS-07, AS-08, AS-32) ---

	@Test
	void resourceSwitchedAtTokenEndpointIsRefused() {
		Pkce pkce = Pkce.generate();
		Map<String, String> request = validRequest("switch", pkce);
		String code = OAuthClient.redirectParameters(this.client.authorize(request)).get("code");
		Map<String, String> redemption = OAuthClient.codeRedemption(request.get("client_id"), code,
				REQUESTED_CALLBACK, pkce);
		redemption.put("resource", OTHER_RESOURCE);

		HttpResponse<String> token = this.client.token(redemption);

		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_target");
		assertThat(token.body()).doesNotContain("access_token");
	}

	@Test
	void scopeWideningAtTokenEndpointIsIgnored() {
		Pkce pkce = Pkce.generate();
		Map<String, String> request = validRequest("widen", pkce);
		request.put("scope", "mcp:connect");
		String code = OAuthClient.redirectParameters(this.client.authorize(request)).get("code");
		Map<String, String> redemption = OAuthClient.codeRedemption(request.get("client_id"), code,
				REQUESTED_CALLBACK, pkce);
		redemption.put("scope", "mcp:connect weather:read");

		HttpResponse<String> token = this.client.token(redemption);

		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(OAuthClient.json(token).get("scope").stringValue()).isEqualTo("mcp:connect");
	}

	@Test
	void wrongCodeVerifierIsRefused() {
		Map<String, String> request = validRequest("wrongverifier");
		String code = OAuthClient.redirectParameters(this.client.authorize(request)).get("code");

		HttpResponse<String> token = this.client.token(OAuthClient.codeRedemption(request.get("client_id"), code,
				REQUESTED_CALLBACK, Pkce.generate()));

		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_grant");
		assertThat(token.body()).doesNotContain("access_token");
	}

	@Test
	void replayedCodeIsRefused() {
		Pkce pkce = Pkce.generate();
		Map<String, String> request = validRequest("replay", pkce);
		String code = OAuthClient.redirectParameters(this.client.authorize(request)).get("code");
		Map<String, String> redemption = OAuthClient.codeRedemption(request.get("client_id"), code,
				REQUESTED_CALLBACK, pkce);
		assertThat(this.client.token(redemption).statusCode()).isEqualTo(200);

		HttpResponse<String> replay = this.client.token(redemption);

		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(replay).get("error").stringValue()).isEqualTo("invalid_grant");
		assertThat(replay.body()).doesNotContain("access_token");
	}

	// --- single flight (issue 7: 100 concurrent first authorizations, one fetch) ---

	@Test
	void hundredConcurrentFirstAuthorizationsFetchTheDocumentOnce() throws Exception {
		String path = uniquePath("concurrent");
		String clientId = cimd.publish(path, CALLBACK);
		CountDownLatch ready = new CountDownLatch(100);
		ExecutorService pool = Executors.newFixedThreadPool(100);
		try {
			List<Future<HttpResponse<String>>> responses = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				responses.add(pool.submit(() -> {
					ready.countDown();
					ready.await(10, TimeUnit.SECONDS);
					return this.client
						.authorize(OAuthClient.authorizationRequest(clientId, REQUESTED_CALLBACK, Pkce.generate()));
				}));
			}
			for (Future<HttpResponse<String>> response : responses) {
				HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
				assertThat(OAuthClient.redirectParameters(answer)).containsKey("code");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(cimd.hits(path)).isEqualTo(1);
	}

	private Map<String, String> validRequest(String name) {
		return validRequest(name, Pkce.generate());
	}

	private Map<String, String> validRequest(String name, Pkce pkce) {
		String clientId = cimd.publish(uniquePath(name), CALLBACK);
		return OAuthClient.authorizationRequest(clientId, REQUESTED_CALLBACK, pkce);
	}

	private void assertRedirectedErrorWithoutCode(Map<String, String> request, String error) {
		HttpResponse<String> response = this.client.authorize(request);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(OAuthClient.redirectTarget(response)).isEqualTo(REQUESTED_CALLBACK);
		assertThat(OAuthClient.redirectParameters(response)).doesNotContainKey("code").containsEntry("error", error);
		assertThat(authorizations(request.get("client_id"))).isZero();
	}

	private void assertErrorPageAndNothingStored(String clientId, String reason) {
		HttpResponse<String> response = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, REQUESTED_CALLBACK, Pkce.generate()));

		assertErrorPage(response, reason);
		assertThat(this.jdbc.queryForObject("select count(*) from oauth2_registered_client where client_id = ?",
				Integer.class, clientId)).as("stored clients").isZero();
		assertThat(authorizations(clientId)).isZero();
	}

	private static void assertErrorPage(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(response.body()).contains(HtmlUtils.htmlEscape(reason)).doesNotContain("Exception");
	}

	private int authorizations(String clientId) {
		return this.jdbc.queryForObject("select count(*) from oauth2_authorization a join oauth2_registered_client c "
				+ "on a.registered_client_id = c.id where c.client_id = ?", Integer.class, clientId);
	}

	private static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(data);
		}
		return bytes.toByteArray();
	}

}
