package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8707 {@code resource} at both endpoints and its binding to the grant (checklist AS-30..AS-32).
 */
class ResourceIndicatorTest extends DemoServerTest {

	private static final String CALLBACK = "http://127.0.0.1:50001/callback";

	@Test
	void rejectsAuthorizationRequestWithoutResource() {
		Map<String, String> request = request(uniquePath("noresource"));
		request.remove("resource");

		Map<String, String> callback = OAuthClient.redirectParameters(this.client.authorize(request));

		assertThat(callback).doesNotContainKey("code")
			.containsEntry("error", "invalid_target")
			.containsEntry("state", request.get("state"))
			.containsEntry("iss", ISSUER);
	}

	@Test
	void rejectsUnknownResource() {
		Map<String, String> request = request(uniquePath("unknown"));
		request.put("resource", "https://unknown.test/mcp");

		Map<String, String> callback = OAuthClient.redirectParameters(this.client.authorize(request));

		assertThat(callback).doesNotContainKey("code").containsEntry("error", "invalid_target");
	}

	@Test
	void rejectsResourceThatOnlyDiffersByTrailingSlash() {
		Map<String, String> request = request(uniquePath("slash"));
		request.put("resource", OAuthClient.RESOURCE + "/");

		assertThat(OAuthClient.redirectParameters(this.client.authorize(request))).containsEntry("error",
				"invalid_target");
	}

	@Test
	void rejectsTokenRequestWithoutResource() {
		Redemption redemption = authorize(uniquePath("tokennoresource"));
		redemption.form().remove("resource");

		HttpResponse<String> token = this.client.token(redemption.form());

		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_target");
	}

	@Test
	void rejectsTokenRequestForAnotherConfiguredResource() {
		Redemption redemption = authorize(uniquePath("otherresource"));
		redemption.form().put("resource", OTHER_RESOURCE);

		HttpResponse<String> token = this.client.token(redemption.form());

		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(token).get("error").stringValue()).isEqualTo("invalid_target");
		assertThat(token.body()).doesNotContain("access_token");
	}

	@Test
	void issuesTokenForTheOtherResourceWhenThatOneWasAuthorized() {
		String path = uniquePath("secondresource");
		String clientId = cimd.publish(path, "http://127.0.0.1/callback");
		Pkce pkce = Pkce.generate();
		Map<String, String> request = OAuthClient.authorizationRequest(clientId, CALLBACK, pkce);
		request.put("resource", OTHER_RESOURCE);
		String code = OAuthClient.redirectParameters(this.client.authorize(request)).get("code");
		Map<String, String> form = OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce);
		form.put("resource", OTHER_RESOURCE);

		HttpResponse<String> token = this.client.token(form);

		assertThat(token.statusCode()).isEqualTo(200);
	}

	private Map<String, String> request(String path) {
		String clientId = cimd.publish(path, "http://127.0.0.1/callback");
		return OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate());
	}

	private Redemption authorize(String path) {
		String clientId = cimd.publish(path, "http://127.0.0.1/callback");
		Pkce pkce = Pkce.generate();
		String code = OAuthClient
			.redirectParameters(this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, pkce)))
			.get("code");
		assertThat(code).isNotNull();
		return new Redemption(OAuthClient.codeRedemption(clientId, code, CALLBACK, pkce));
	}

	private record Redemption(Map<String, String> form) {
	}

}
