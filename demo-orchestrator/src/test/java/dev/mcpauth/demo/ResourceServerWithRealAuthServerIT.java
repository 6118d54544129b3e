package dev.mcpauth.demo;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mcpauth.demo.process.ChildProcess;
import dev.mcpauth.demo.process.ClassDataSharing;
import dev.mcpauth.demo.process.JavaCommand;
import dev.mcpauth.demo.process.LocalPorts;
import dev.mcpauth.demo.process.ReadinessProbe;
import dev.mcpauth.demo.process.ServiceStartException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource server trusting a real authorization server, both from their runnable jars on random ports, driven
 * in raw HTTP: the token a real authorization code grant yields (demo profile, CIMD client served by the test,
 * PKCE, RFC 8707 resource) is accepted, and a token minted for another resource, or by another authorization
 * server, is refused with 401 invalid_token. A second authorization server plays the untrusted one: it signs with
 * its own keys and names itself as issuer.
 */
class ResourceServerWithRealAuthServerIT {

	static final List<ChildProcess> services = new ArrayList<>();

	static ClientMetadataDocumentHost client;

	static String issuer;

	static String otherIssuer;

	static String resource;

	static String otherResource;

	static McpHttp mcp;

	/** The class data sharing layout the build prepared, when current: the same start as the demo's. */
	static final ClassDataSharing fastStart = FastStart.of(DemoOptions.defaults());

	@BeforeAll
	static void startServices() throws Exception {
		ServiceJars jars = ServiceJars.locate(null);
		client = new ClientMetadataDocumentHost();
		int asPort = LocalPorts.pickFree();
		int otherAsPort = LocalPorts.pickFree();
		int rsPort = LocalPorts.pickFree();
		issuer = "http://localhost:" + asPort;
		otherIssuer = "http://localhost:" + otherAsPort;
		resource = "http://localhost:" + rsPort + "/mcp";
		otherResource = "http://localhost:" + rsPort + "/other-mcp";
		mcp = new McpHttp(resource);

		ChildProcess as = start("auth-server",
				ServiceCommands.authServer(jars.authServer(), asPort, issuer, List.of(resource, otherResource)));
		ChildProcess otherAs = start("other-auth-server",
				ServiceCommands.authServer(jars.authServer(), otherAsPort, otherIssuer, List.of(resource)));
		ChildProcess rs = start("resource-server",
				ServiceCommands.resourceServer(jars.resourceServer(), rsPort, resource, issuer));
		ReadinessProbe probe = new ReadinessProbe();
		try {
			probe.awaitOk(as, ServiceCommands.authorizationServerMetadata(issuer), Duration.ofSeconds(120));
			probe.awaitOk(otherAs, ServiceCommands.authorizationServerMetadata(otherIssuer), Duration.ofSeconds(120));
			probe.awaitOk(rs, ServiceCommands.protectedResourceMetadata(resource), Duration.ofSeconds(120));
		}
		catch (ServiceStartException ex) {
			throw new AssertionError(ex.getMessage() + "\n" + String.join("\n", ex.logTail()));
		}
	}

	@AfterAll
	static void stopServices() {
		services.forEach(ChildProcess::close);
		if (client != null) {
			client.close();
		}
	}

	@Test
	void tokenFromTheTrustedAuthorizationServerIsAcceptedAndWhoamiAnswers() throws Exception { // RS-07, AS-30..32
		JsonNode token = new AuthorizationCodeFlow().obtainToken(issuer, client, resource, "mcp:connect");
		String accessToken = token.get("access_token").stringValue();
		JsonNode claims = AuthorizationCodeFlow.claims(accessToken);

		assertThat(client.requests()).as("the authorization server fetched the CIMD document")
			.contains("GET " + ClientMetadataDocumentHost.PATH);
		assertThat(claims.get("iss").stringValue()).isEqualTo(issuer);
		assertThat(audience(claims)).containsExactly(resource);
		assertThat(claims.get("scope").toString()).contains("mcp:connect").doesNotContain("weather:read");

		HttpResponse<String> initialize = mcp.initialize(accessToken);
		assertThat(initialize.statusCode()).as(initialize.body()).isEqualTo(200);
		String session = initialize.headers().firstValue("Mcp-Session-Id").orElse(null);
		assertThat(mcp.initialized(accessToken, session).statusCode()).isBetween(200, 299);

		HttpResponse<String> whoami = mcp.callTool(accessToken, session, "whoami", "{}");
		assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
		JsonNode result = McpHttp.message(whoami).get("result");
		assertThat(result).as(whoami.body()).isNotNull();
		assertThat(result.path("isError").asBoolean(false)).as(whoami.body()).isFalse();
		assertThat(result.toString()).contains(client.clientId()).contains(resource);
	}

	@Test
	void tokenForAnotherResourceOfTheSameAuthorizationServerIsRefused() throws Exception { // RS-07, RS-09
		String accessToken = new AuthorizationCodeFlow().obtainToken(issuer, client, otherResource, "mcp:connect")
			.get("access_token")
			.stringValue();
		assertThat(audience(AuthorizationCodeFlow.claims(accessToken))).containsExactly(otherResource);

		assertRefusedAsInvalidToken(mcp.initialize(accessToken));
	}

	@Test
	void tokenFromAnotherAuthorizationServerIsRefused() throws Exception { // RS-08
		String accessToken = new AuthorizationCodeFlow().obtainToken(otherIssuer, client, resource, "mcp:connect")
			.get("access_token")
			.stringValue();
		JsonNode claims = AuthorizationCodeFlow.claims(accessToken);
		assertThat(claims.get("iss").stringValue()).isEqualTo(otherIssuer);
		assertThat(audience(claims)).containsExactly(resource);

		assertRefusedAsInvalidToken(mcp.initialize(accessToken));
	}

	@Test
	void requestWithoutTokenIsChallengedTowardsTheMetadataAndBaseScope() throws Exception { // RS-03, RS-04, RS-05
		HttpResponse<String> response = mcp.initialize(null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(
				challenge)
			.startsWith("Bearer ")
			.contains("resource_metadata=\"" + ServiceCommands.protectedResourceMetadata(resource) + "\"")
			.contains("scope=\"mcp:connect\"")
			.doesNotContain("error="));
	}

	private static void assertRefusedAsInvalidToken(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(
				challenge)
			.startsWith("Bearer ")
			.contains("error=\"invalid_token\"")
			.contains("resource_metadata=\"" + ServiceCommands.protectedResourceMetadata(resource) + "\""));
	}

	private static List<String> audience(JsonNode claims) {
		JsonNode aud = claims.get("aud");
		return aud.isArray() ? aud.valueStream().map(JsonNode::stringValue).toList() : List.of(aud.stringValue());
	}

	private static ChildProcess start(String name, JavaCommand command) {
		String service = name.endsWith(ServiceJars.AUTH_SERVER) ? ServiceJars.AUTH_SERVER : name;
		ChildProcess child = ChildProcess.startLogged(name, fastStart.apply(service, command),
				OrchestratorRun.itLogDir("resource-server-with-real-auth-server").resolve(name + ".log"));
		services.add(child);
		return child;
	}

}
