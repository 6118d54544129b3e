package dev.mcpauth.oauth2.client.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import dev.mcpauth.oauth2.client.support.LoopbackServer;
import dev.mcpauth.oauth2.client.support.LoopbackServer.Reply;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checklist section 2: which URLs the client asks for, in which order, against a real local HTTP server. */
class DiscoveryOrderTest {

	private LoopbackServer server;

	private ProtectedResourceMetadataDiscovery prm;

	private AuthorizationServerMetadataDiscovery as;

	@BeforeEach
	void start() throws Exception {
		this.server = new LoopbackServer();
		OAuthHttpClient http = new OAuthHttpClient(JsonMapper.builder().build(), Duration.ofSeconds(5),
				AuthorizationTraceListener.NONE);
		this.prm = new ProtectedResourceMetadataDiscovery(http);
		this.as = new AuthorizationServerMetadataDiscovery(http);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void usesTheResourceMetadataUrlOfTheChallengeAndNothingElse() { // CL-02, auth/metadata-default
		String o = this.server.origin();
		this.server.route("/custom/prm.json", r -> prmDocument(o + "/mcp"));

		Optional<ProtectedResourceMetadata> found = this.prm.discover(URI.create(o + "/mcp"),
				Optional.of(o + "/custom/prm.json"));

		assertThat(found).map(ProtectedResourceMetadata::resource).contains(o + "/mcp");
		assertThat(this.server.requestedPaths()).containsExactly("/custom/prm.json");
	}

	@Test
	void triesThePathInsertedPrmThenTheRootOneWhoseResourceIsTheOrigin() { // CL-02, auth/metadata-var2
		String o = this.server.origin();
		this.server.route("/.well-known/oauth-protected-resource", r -> prmDocument(o));

		Optional<ProtectedResourceMetadata> found = this.prm.discover(URI.create(o + "/public/mcp"), Optional.empty());

		assertThat(found).map(ProtectedResourceMetadata::resource).contains(o);
		assertThat(this.server.requestedPaths()).containsExactly("/.well-known/oauth-protected-resource/public/mcp",
				"/.well-known/oauth-protected-resource");
	}

	@Test
	void reportsNoPrmWhenNoneIsPublished() { // 2025-03-26 servers
		assertThat(this.prm.discover(URI.create(this.server.origin() + "/mcp"), Optional.empty())).isEmpty();
	}

	@Test
	void refusesPrmWhoseResourceIsAnotherServer() { // CL-03, auth/resource-mismatch
		String o = this.server.origin();
		this.server.route("/prm", r -> prmDocument("https://evil.example.test/mcp"));

		assertThatThrownBy(() -> this.prm.discover(URI.create(o + "/mcp"), Optional.of(o + "/prm")))
			.isInstanceOf(McpAuthorizationException.class)
			.hasMessageContaining("must not be used");
	}

	@Test
	void probesRfc8414ThenOidcInsertionThenOidcAppendingForAPathIssuer() { // CL-05, auth/metadata-var3
		String issuer = this.server.origin() + "/tenant1";
		this.server.route("/tenant1/.well-known/openid-configuration", r -> asDocument(issuer, "[\"S256\"]"));

		AuthorizationServerMetadata metadata = this.as.discover(issuer);

		assertThat(metadata.issuer()).isEqualTo(issuer);
		assertThat(this.server.requestedPaths()).containsExactly("/.well-known/oauth-authorization-server/tenant1",
				"/.well-known/openid-configuration/tenant1", "/tenant1/.well-known/openid-configuration");
	}

	@Test
	void probesRfc8414ThenOidcForARootIssuerAndStopsAtTheFirstHit() { // CL-05, auth/metadata-var1
		String issuer = this.server.origin();
		this.server.route("/.well-known/openid-configuration", r -> asDocument(issuer, "[\"S256\"]"));

		this.as.discover(issuer);

		assertThat(this.server.requestedPaths()).containsExactly("/.well-known/oauth-authorization-server",
				"/.well-known/openid-configuration");
	}

	@Test
	void refusesMetadataWhoseIssuerDiffers() { // CL-06
		this.server.route("/.well-known/oauth-authorization-server", r -> asDocument("https://honest.example", "[\"S256\"]"));

		assertThatThrownBy(() -> this.as.discover(this.server.origin())).isInstanceOf(McpAuthorizationException.class)
			.hasMessageContaining("has issuer https://honest.example");
	}

	@Test
	void refusesAnAuthorizationServerWithoutPkceS256() { // CL-07: no conformance scenario covers it
		String issuer = this.server.origin();
		this.server.route("/.well-known/oauth-authorization-server", r -> asDocument(issuer, null));
		assertThatThrownBy(() -> this.as.discover(issuer)).isInstanceOf(McpAuthorizationException.class)
			.hasMessageContaining("does not advertise PKCE S256");

		this.server.route("/.well-known/oauth-authorization-server", r -> asDocument(issuer, "[\"plain\"]"));
		assertThatThrownBy(() -> this.as.discover(issuer)).hasMessageContaining("refusing to proceed");
	}

	@Test
	void stopsOnAServerError() {
		this.server.route("/.well-known/oauth-authorization-server", r -> Reply.json(500, "{}"));

		assertThatThrownBy(() -> this.as.discover(this.server.origin())).hasMessageContaining("HTTP 500");
		assertThat(this.server.requestedPaths()).hasSize(1);
	}

	private static Reply prmDocument(String resource) {
		return Reply.json(200, "{\"resource\":\"" + resource + "\",\"authorization_servers\":[\"https://as.example.test\"]}");
	}

	private static Reply asDocument(String issuer, String pkceMethods) {
		return Reply.json(200, "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
				+ "\"token_endpoint\":\"" + issuer + "/token\",\"response_types_supported\":[\"code\"]"
				+ (pkceMethods != null ? ",\"code_challenge_methods_supported\":" + pkceMethods : "") + "}");
	}

}
