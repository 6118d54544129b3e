package dev.mcpauth.authserver.flow;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8414 metadata (checklist AS-04, AS-11..AS-14, AS-34, section 2.3) and the JWKS it points to.
 */
class AuthorizationServerMetadataTest extends DemoServerTest {

	@Test
	void publishesMetadataWithConfiguredIssuerAndMcpCapabilities() {
		HttpResponse<String> response = this.client.get("/.well-known/oauth-authorization-server", "application/json");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		// AS-11: byte-identical issuer, never derived from the Host header (the request went to 127.0.0.1)
		assertThat(response.body()).contains("\"issuer\":\"" + ISSUER + "\"");
		JsonNode metadata = OAuthClient.json(response);
		assertThat(metadata.get("authorization_endpoint").stringValue()).isEqualTo(ISSUER + "/oauth2/authorize");
		assertThat(metadata.get("token_endpoint").stringValue()).isEqualTo(ISSUER + "/oauth2/token");
		assertThat(metadata.get("jwks_uri").stringValue()).isEqualTo(ISSUER + "/oauth2/jwks");
		assertThat(strings(metadata, "response_types_supported")).containsExactly("code");
		assertThat(strings(metadata, "code_challenge_methods_supported")).containsExactly("S256");
		assertThat(strings(metadata, "token_endpoint_auth_methods_supported")).contains("none", "private_key_jwt");
		// the demo profile enables the client credentials grant for its agent (MCP extension, RFC 6749 §4.4)
		assertThat(strings(metadata, "grant_types_supported")).containsExactlyInAnyOrder("authorization_code",
				"refresh_token", "client_credentials");
		// RFC 9449 §5.1: exactly the proof algorithms the token endpoint accepts
		assertThat(strings(metadata, "dpop_signing_alg_values_supported")).containsExactly("RS256", "RS384", "RS512",
				"PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
		assertThat(metadata.get("client_id_metadata_document_supported").booleanValue()).isTrue();
		assertThat(metadata.get("authorization_response_iss_parameter_supported").booleanValue()).isTrue();
	}

	@Test
	void advertisesNothingThatIsNotOffered() {
		JsonNode metadata = OAuthClient
			.json(this.client.get("/.well-known/oauth-authorization-server", "application/json"));

		assertThat(metadata.has("tls_client_certificate_bound_access_tokens")).isFalse();
		assertThat(metadata.has("device_authorization_endpoint")).isFalse();
		assertThat(metadata.has("pushed_authorization_request_endpoint")).isFalse();
		assertThat(strings(metadata, "grant_types_supported")).doesNotContain(
				"urn:ietf:params:oauth:grant-type:token-exchange", "urn:ietf:params:oauth:grant-type:device_code");
		assertThat(strings(metadata, "token_endpoint_auth_methods_supported")).doesNotContain("client_secret_jwt",
				"tls_client_auth", "self_signed_tls_client_auth");
		// AS-12: claims with zero elements are omitted
		metadata.properties().forEach((member) -> assertThat(member.getValue().isArray() && member.getValue().isEmpty())
			.as(member.getKey())
			.isFalse());
	}

	@Test
	void jwksPublishesSigningKeyWithKid() {
		JsonNode jwks = OAuthClient.json(this.client.get("/oauth2/jwks", "application/json"));

		JsonNode key = jwks.get("keys").get(0);
		assertThat(key.get("kty").stringValue()).isEqualTo("RSA");
		assertThat(key.get("kid").stringValue()).isNotBlank();
		assertThat(key.has("d")).as("private part must never be published").isFalse();
	}

	@Test
	void unknownPathsAnswer404NotALoginPage() {
		HttpResponse<String> html = this.client.get("/nope", "text/html");
		HttpResponse<String> wellKnown = this.client.get("/.well-known/openid-configuration", "application/json");

		assertThat(html.statusCode()).isEqualTo(404);
		assertThat(html.headers().firstValue("Location")).isEmpty();
		assertThat(wellKnown.statusCode()).isEqualTo(404);
	}

	private static List<String> strings(JsonNode metadata, String member) {
		List<String> values = new ArrayList<>();
		metadata.get(member).values().forEach((value) -> values.add(value.stringValue()));
		return values;
	}

}
