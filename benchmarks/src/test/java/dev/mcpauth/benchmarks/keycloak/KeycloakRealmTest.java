package dev.mcpauth.benchmarks.keycloak;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakRealmTest {

	private final KeycloakRealm realm = new KeycloakRealm("mcp-bench", "svc", "s3cret", "app",
			"http://127.0.0.1:5000/callback", "user", "pw", "mcp:connect", "http://localhost:8001/mcp", "mcp-resource");

	@Test
	void realmRotatesRefreshTokensAndHoldsTheClientsAndTheUser() {
		JsonNode json = this.realm.representation();

		assertThat(json.get("realm").stringValue()).isEqualTo("mcp-bench");
		assertThat(json.get("revokeRefreshToken").booleanValue()).isTrue();
		assertThat(json.get("refreshTokenMaxReuse").intValue()).isZero();
		JsonNode service = json.get("clients").get(0);
		assertThat(service.get("clientId").stringValue()).isEqualTo("svc");
		assertThat(service.get("publicClient").booleanValue()).isFalse();
		assertThat(service.get("serviceAccountsEnabled").booleanValue()).isTrue();
		assertThat(service.get("clientAuthenticatorType").stringValue()).isEqualTo("client-secret");
		assertThat(service.get("secret").stringValue()).isEqualTo("s3cret");
		JsonNode app = json.get("clients").get(1);
		assertThat(app.get("publicClient").booleanValue()).isTrue();
		assertThat(app.get("standardFlowEnabled").booleanValue()).isTrue();
		assertThat(app.get("redirectUris").get(0).stringValue()).isEqualTo("http://127.0.0.1:5000/callback");
		assertThat(app.get("attributes").get("pkce.code.challenge.method").stringValue()).isEqualTo("S256");
		JsonNode resource = json.get("clients").get(2);
		assertThat(resource.get("clientId").stringValue()).isEqualTo("mcp-resource");
		assertThat(resource.get("attributes").get("resource_url").stringValue()).isEqualTo("http://localhost:8001/mcp");
		JsonNode user = json.get("users").get(0);
		assertThat(user.get("username").stringValue()).isEqualTo("user");
		assertThat(user.get("credentials").get(0).get("temporary").booleanValue()).isFalse();
		// a complete profile: no "update profile" required action between the login form and the code
		assertThat(user.get("email").stringValue()).isNotEmpty();
		assertThat(user.get("firstName").stringValue()).isNotEmpty();
		assertThat(user.get("lastName").stringValue()).isNotEmpty();
	}

	@Test
	void theScopePutsTheResourceClientIntoTheAudience() {
		JsonNode scope = this.realm.clientScope();

		assertThat(scope.get("name").stringValue()).isEqualTo("mcp:connect");
		assertThat(scope.get("attributes").get("include.in.token.scope").stringValue()).isEqualTo("true");
		JsonNode mapper = scope.get("protocolMappers").get(0);
		assertThat(mapper.get("protocolMapper").stringValue()).isEqualTo("oidc-audience-mapper");
		assertThat(mapper.get("config").get("included.client.audience").stringValue()).isEqualTo("mcp-resource");
		assertThat(mapper.get("config").get("access.token.claim").stringValue()).isEqualTo("true");
	}

	@Test
	void theCreatedScopeIdIsTheLocationsLastSegment() throws Exception {
		assertThat(KeycloakRealm.lastSegment("http://localhost:1/admin/realms/r/client-scopes/1b2c-3d"))
			.isEqualTo("1b2c-3d");
	}

	@Test
	void readsTheFeatureVersionOfAJdk(@TempDir Path jdk) throws Exception {
		Files.createDirectories(jdk.resolve("bin"));
		Path java = Files.createFile(jdk.resolve("bin").resolve("java"));
		java.toFile().setExecutable(true);
		Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"25.0.3\"\n");
		assertThat(KeycloakServer.javaVersion(jdk)).isEqualTo(25);
		Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"1.8.0_392\"\n");
		assertThat(KeycloakServer.javaVersion(jdk)).isEqualTo(8);
		assertThat(KeycloakServer.javaVersion(jdk.resolve("missing"))).isZero();
	}

}
