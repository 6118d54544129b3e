package dev.mcpauth.oauth2.client.registration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.McpAuthorizationException;
import dev.mcpauth.oauth2.client.discovery.AuthorizationServerMetadata;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import dev.mcpauth.oauth2.client.support.LoopbackServer;
import dev.mcpauth.oauth2.client.support.LoopbackServer.Reply;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CL-11, CL-12, CL-15, CL-17: pre-registered > CIMD > DCR > error, and the token endpoint auth method. */
class ClientRegistrarTest {

	private static final String CIMD_URL = "https://client.example.test/client-metadata.json";

	private final JsonMapper json = JsonMapper.builder().build();

	private LoopbackServer server;

	private DynamicClientRegistration dcr;

	private final AtomicInteger cimdLookups = new AtomicInteger();

	@BeforeEach
	void start() throws Exception {
		this.server = new LoopbackServer();
		this.dcr = new DynamicClientRegistration(new OAuthHttpClient(this.json, Duration.ofSeconds(5),
				AuthorizationTraceListener.NONE), "test client");
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void preRegisteredCredentialsComeFirst() { // CL-15
		ClientRegistrar registrar = registrar(new ClientRegistrar.PreRegisteredClient("pre", "secret"));

		ClientRegistration registration = registrar.registrationFor(server(true, true, List.of("client_secret_post")),
				"http://127.0.0.1/callback");

		assertThat(registration.method()).isEqualTo(RegistrationMethod.PRE_REGISTERED);
		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("client_secret_post");
		assertThat(registration.toString()).doesNotContain("secret=secret");
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void cimdBeatsDcrWhenTheServerAdvertisesIt() { // CL-11, auth/basic-cimd
		ClientRegistration registration = registrar(null).registrationFor(server(true, true, List.of("none")),
				"http://127.0.0.1/callback");

		assertThat(registration).isEqualTo(new ClientRegistration(RegistrationMethod.CIMD, CIMD_URL, null, "none"));
		assertThat(this.server.requests()).isEmpty(); // never POSTs /register
	}

	@Test
	void fallsBackToDynamicRegistrationAndAsksForAPublicClient() { // CL-12
		this.server.route("/register", r -> Reply.json(201, "{\"client_id\":\"dyn-1\",\"token_endpoint_auth_method\":\"none\"}"));

		ClientRegistration registration = registrar(null).registrationFor(server(false, true, List.of("none", "client_secret_basic")),
				"http://127.0.0.1/callback");

		assertThat(registration).isEqualTo(new ClientRegistration(RegistrationMethod.DCR, "dyn-1", null, "none"));
		JsonNode body = this.json.readTree(this.server.requests().get(0).body());
		assertThat(body.get("token_endpoint_auth_method").asString()).isEqualTo("none");
		assertThat(body.get("redirect_uris").get(0).asString()).isEqualTo("http://127.0.0.1/callback");
		assertThat(body.get("grant_types").toString()).contains("refresh_token");
	}

	@Test
	void usesTheSecretMethodTheServerRegistered() { // CL-17, auth/token-endpoint-auth-post
		this.server.route("/register",
				r -> Reply.json(201, "{\"client_id\":\"dyn-2\",\"client_secret\":\"s\",\"token_endpoint_auth_method\":\"client_secret_post\"}"));

		ClientRegistration registration = registrar(null).registrationFor(server(false, true, List.of("client_secret_post")),
				"http://127.0.0.1/callback");

		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("client_secret_post");
		assertThat(registration.clientSecret()).isEqualTo("s");
		assertThat(this.json.readTree(this.server.requests().get(0).body()).get("token_endpoint_auth_method").asString())
			.isEqualTo("client_secret_post");
	}

	@Test
	void registersOncePerIssuer() { // CL-23: credentials stay with their issuer
		this.server.route("/register", r -> Reply.json(201, "{\"client_id\":\"dyn-" + this.server.requests().size() + "\"}"));
		ClientRegistrar registrar = registrar(null);

		ClientRegistration first = registrar.registrationFor(server(false, true, List.of("none")), "http://127.0.0.1/callback");
		ClientRegistration again = registrar.registrationFor(server(false, true, List.of("none")), "http://127.0.0.1/callback");

		assertThat(again).isSameAs(first);
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void failsClearlyWithoutAnyRegistrationPath() {
		assertThatThrownBy(() -> registrar(null).choose(server(false, false, List.of("none"))))
			.isInstanceOf(McpAuthorizationException.class)
			.hasMessageContaining("configure pre-registered credentials");
		assertThat(this.cimdLookups).hasValue(0);
	}

	@Test
	void skipsCimdWhenTheClientHasNoMetadataDocument() { // pre-registered > CIMD > DCR: CIMD needs a document
		this.server.route("/register", r -> Reply.json(201, "{\"client_id\":\"dyn-3\"}"));
		ClientRegistrar withoutDocument = new ClientRegistrar(null, null, this.dcr);

		ClientRegistration registration = withoutDocument.registrationFor(server(true, true, List.of("none")),
				"http://127.0.0.1/callback");

		assertThat(registration.method()).isEqualTo(RegistrationMethod.DCR);
		assertThatThrownBy(() -> withoutDocument.choose(server(true, false, List.of("none"))))
			.isInstanceOf(NoRegistrationMethodException.class)
			.hasMessageContaining("takes Client ID Metadata Documents but the client has none")
			.hasMessageContaining("a client metadata document URL");
	}

	@Test
	void refusesAServerWithNoUsableAuthMethod() {
		assertThatThrownBy(() -> TokenEndpointAuthMethods.forNewClient(List.of("private_key_jwt")))
			.hasMessageContaining("supports none of the token endpoint authentication methods");
		assertThat(TokenEndpointAuthMethods.forPreRegistered("s", List.of("client_secret_basic", "client_secret_post")))
			.isEqualTo("client_secret_basic");
		assertThat(TokenEndpointAuthMethods.forPreRegistered(null, List.of("client_secret_basic"))).isEqualTo("none");
	}

	private ClientRegistrar registrar(ClientRegistrar.PreRegisteredClient preRegistered) {
		return new ClientRegistrar(preRegistered, () -> {
			this.cimdLookups.incrementAndGet();
			return CIMD_URL;
		}, this.dcr);
	}

	private AuthorizationServerMetadata server(boolean cimd, boolean dcr, List<String> authMethods) {
		String o = this.server.origin();
		return new AuthorizationServerMetadata(o + "/.well-known/oauth-authorization-server", o, o + "/authorize",
				o + "/token", dcr ? o + "/register" : null, authMethods, cimd, false);
	}

}
