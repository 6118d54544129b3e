package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentRegisteredClients;
import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CIMD clients end to end, with documents served over real HTTP (checklist AS-16..AS-24, sections 3.2, 3.3, 3.6).
 * Each invalid document must end on an error page: HTTP 400, HTML, no redirect, reason named.
 */
class ClientIdMetadataDocumentAuthorizationTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1/callback";

	private static final String REQUESTED_CALLBACK = "http://127.0.0.1:53111/callback";

	@Autowired
	private RegisteredClientRepository registeredClients;

	@Test
	void fetchesDocumentAndIssuesCodeForPublicClient() {
		String path = uniquePath("valid");
		String clientId = cimd.publish(path, CALLBACK);

		HttpResponse<String> response = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, REQUESTED_CALLBACK, Pkce.generate()));

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(OAuthClient.redirectTarget(response)).isEqualTo(REQUESTED_CALLBACK);
		Map<String, String> callback = OAuthClient.redirectParameters(response);
		assertThat(callback).containsKeys("code", "state").containsEntry("iss", ISSUER);
		assertThat(cimd.hits(path)).isEqualTo(1);
	}

	@Test
	void rejectsDocumentWhoseClientIdDiffersFromUrlByTrailingSlash() {
		String path = uniquePath("slash");
		cimd.serveJson(path, CimdHost.document(cimd.url(path) + "/", CALLBACK));

		assertErrorPage(cimd.url(path), "client_id does not match");
	}

	@Test
	void rejectsDocumentWhoseClientIdDiffersFromUrlByCase() {
		String path = uniquePath("case");
		cimd.serveJson(path, CimdHost.document(cimd.url(path).replace("http://", "HTTP://"), CALLBACK));

		assertErrorPage(cimd.url(path), "client_id does not match");
	}

	@Test
	void rejectsBodyThatIsNotJson() {
		String path = uniquePath("notjson");
		cimd.serveJson(path, "not json");

		assertErrorPage(cimd.url(path), "not valid JSON");
	}

	@Test
	void rejectsDocumentWithoutRedirectUris() {
		String path = uniquePath("noredirects");
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"x"}""".formatted(cimd.url(path)));

		assertErrorPage(cimd.url(path), "no redirect_uris");
	}

	@Test
	void rejectsDocumentWithoutClientName() {
		String path = uniquePath("noname");
		cimd.serveJson(path, """
				{"client_id":"%s","redirect_uris":["%s"]}""".formatted(cimd.url(path), CALLBACK));

		assertErrorPage(cimd.url(path), "no client_name");
	}

	@Test
	void rejectsDocumentWithClientSecret() {
		String path = uniquePath("secret");
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"x","redirect_uris":["%s"],"client_secret":"s"}"""
			.formatted(cimd.url(path), CALLBACK));

		assertErrorPage(cimd.url(path), "client_secret");
	}

	@Test
	void rejectsDocumentWithSharedSecretAuthMethod() {
		String path = uniquePath("basic");
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"x","redirect_uris":["%s"],
				 "token_endpoint_auth_method":"client_secret_basic"}""".formatted(cimd.url(path), CALLBACK));

		assertErrorPage(cimd.url(path), "token_endpoint_auth_method");
	}

	@Test
	void treatsOmittedAuthMethodAsPublicClient() {
		String path = uniquePath("omitted");
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"x","redirect_uris":["%s"]}""".formatted(cimd.url(path), CALLBACK));

		HttpResponse<String> token = this.client.obtainToken(cimd.url(path), REQUESTED_CALLBACK, null);

		assertThat(token.statusCode()).isEqualTo(200);
	}

	@Test
	void doesNotFollowRedirectsFromDocumentHost() {
		String path = uniquePath("redirect");
		String target = uniquePath("target");
		cimd.publish(target, CALLBACK);
		cimd.serve(path, 302, "text/plain", "", Map.of("Location", cimd.url(target)));

		assertErrorPage(cimd.url(path), "HTTP 302");
		assertThat(cimd.hits(target)).isZero();
	}

	@Test
	void rejectsDocumentLargerThanFiveKilobytes() {
		String path = uniquePath("large");
		String padding = "x".repeat(6 * 1024);
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"x","redirect_uris":["%s"],"client_uri":"https://c.test/%s"}"""
			.formatted(cimd.url(path), CALLBACK, padding));

		assertErrorPage(cimd.url(path), "exceeds 5120 bytes");
	}

	@Test
	void rejectsDocumentServedWithNonJsonContentType() {
		String path = uniquePath("html");
		cimd.serve(path, 200, "text/html", CimdHost.document(cimd.url(path), CALLBACK), Map.of());

		assertErrorPage(cimd.url(path), "application/json");
	}

	@Test
	void rejectsUrlWithFragmentWithoutFetching() {
		String path = uniquePath("fragment");
		cimd.publish(path, CALLBACK);

		assertErrorPage(cimd.url(path) + "#f", "fragment");
		assertThat(cimd.hits(path)).isZero();
	}

	@Test
	void cachesDocumentForItsMaxAge() {
		String path = uniquePath("cached");
		String clientId = cimd.url(path);
		cimd.serve(path, 200, "application/json", CimdHost.document(clientId, CALLBACK),
				Map.of("Cache-Control", "max-age=60"));

		authorizeSuccessfully(clientId);
		authorizeSuccessfully(clientId);

		assertThat(cimd.hits(path)).isEqualTo(1);
	}

	@Test
	void neverCachesFetchErrors() {
		String path = uniquePath("flaky");
		String clientId = cimd.url(path);
		cimd.serve(path, 500, "text/plain", "boom", Map.of());
		assertErrorPage(clientId, "HTTP 500");

		cimd.serve(path, 200, "application/json", CimdHost.document(clientId, CALLBACK),
				Map.of("Cache-Control", "max-age=60"));
		authorizeSuccessfully(clientId);

		assertThat(cimd.hits(path)).isEqualTo(2);
	}

	@Test
	void neverCachesInvalidDocuments() {
		String path = uniquePath("fixed");
		String clientId = cimd.url(path);
		cimd.serve(path, 200, "application/json", "{}", Map.of("Cache-Control", "max-age=60"));
		assertErrorPage(clientId, "no client_id");

		cimd.serve(path, 200, "application/json", CimdHost.document(clientId, CALLBACK),
				Map.of("Cache-Control", "max-age=60"));
		authorizeSuccessfully(clientId);

		assertThat(cimd.hits(path)).isEqualTo(2);
	}

	@Test
	void refetchesWhenDocumentForbidsCaching() {
		String path = uniquePath("nostore");
		String clientId = cimd.url(path);
		cimd.serve(path, 200, "application/json", CimdHost.document(clientId, CALLBACK),
				Map.of("Cache-Control", "no-store"));

		authorizeSuccessfully(clientId);
		authorizeSuccessfully(clientId);

		assertThat(cimd.hits(path)).isGreaterThanOrEqualTo(2);
	}

	@Test
	void storedClientOutlivesTheDocumentAndFollowsItsChanges() {
		String path = uniquePath("persisted");
		String clientId = cimd.url(path);
		cimd.serve(path, 200, "application/json", CimdHost.document(clientId, CALLBACK),
				Map.of("Cache-Control", "no-store"));
		authorizeSuccessfully(clientId);
		String id = ClientIdMetadataDocumentRegisteredClients.registeredClientId(clientId);

		cimd.serve(path, 200, "application/json", CimdHost.document(clientId, "http://localhost/callback"),
				Map.of("Cache-Control", "no-store"));
		authorizeSuccessfully(clientId, "http://localhost:4242/callback");
		cimd.serve(path, 404, "text/plain", "gone", Map.of());

		RegisteredClient stored = this.registeredClients.findById(id);
		assertThat(stored).isNotNull();
		assertThat(stored.getClientId()).isEqualTo(clientId);
		assertThat(stored.getRedirectUris()).containsExactly("http://localhost/callback");
	}

	private void authorizeSuccessfully(String clientId) {
		authorizeSuccessfully(clientId, REQUESTED_CALLBACK);
	}

	private void authorizeSuccessfully(String clientId, String redirectUri) {
		HttpResponse<String> response = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, redirectUri, Pkce.generate()));
		assertThat(OAuthClient.redirectParameters(response)).containsKey("code");
	}

	private void assertErrorPage(String clientId, String reason) {
		HttpResponse<String> response = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, REQUESTED_CALLBACK, Pkce.generate()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(response.body()).contains(reason);
	}

}
