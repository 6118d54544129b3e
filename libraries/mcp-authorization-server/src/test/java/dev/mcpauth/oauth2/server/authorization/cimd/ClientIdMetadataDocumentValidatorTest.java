package dev.mcpauth.oauth2.server.authorization.cimd;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per document rule (checklist AS-17, AS-18, AS-20, AS-21, section 3.2).
 */
class ClientIdMetadataDocumentValidatorTest {

	private static final String URL = "https://client.example.test/oauth/client.json";

	private final ClientIdMetadataDocumentValidator validator = new ClientIdMetadataDocumentValidator(false);

	@Test
	void acceptsMinimalPublicClientDocument() {
		ClientMetadataDocument document = validate("""
				{"client_id":"%s","client_name":"Example","redirect_uris":["http://127.0.0.1/callback"],
				 "token_endpoint_auth_method":"none","client_uri":"https://client.example.test"}""".formatted(URL));

		assertThat(document.clientId()).isEqualTo(URL);
		assertThat(document.clientName()).isEqualTo("Example");
		assertThat(document.redirectUris()).containsExactly("http://127.0.0.1/callback");
		assertThat(document.tokenEndpointAuthMethod()).isEqualTo("none");
		assertThat(document.clientUri()).isEqualTo("https://client.example.test");
	}

	@Test
	void treatsOmittedAuthMethodAsNone() {
		assertThat(validate(valid("")).tokenEndpointAuthMethod()).isEqualTo("none");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://client.example.test/oauth/client.json/",
			"https://CLIENT.example.test/oauth/client.json",
			"https://client.example.test:443/oauth/client.json", "https://client.example.test/oauth/%63lient.json" })
	void rejectsDocumentWhoseClientIdDiffersFromUrl(String documentClientId) {
		assertRejected("""
				{"client_id":"%s","client_name":"x","redirect_uris":["http://127.0.0.1/cb"]}""".formatted(documentClientId),
				"client_id does not match");
	}

	@Test
	void rejectsDuplicateClientIdMembers() {
		assertRejected("""
				{"client_id":"https://evil.test/x","client_id":"%s","client_name":"x","redirect_uris":["http://127.0.0.1/cb"]}"""
			.formatted(URL), "not valid JSON");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[]", "\"string\"", "{\"client_id\":", "{} {}" })
	void rejectsBodyThatIsNotASingleJsonObject(String body) {
		assertThatThrownBy(() -> validate(body)).isInstanceOf(ClientIdMetadataDocumentException.class);
	}

	@Test
	void rejectsEmptyBody() {
		assertThatThrownBy(() -> this.validator.validate(new byte[0], URL))
			.isInstanceOf(ClientIdMetadataDocumentException.class)
			.hasMessageContaining("empty");
	}

	@Test
	void rejectsMissingClientId() {
		assertRejected("{\"client_name\":\"x\",\"redirect_uris\":[\"http://127.0.0.1/cb\"]}", "no client_id");
	}

	@Test
	void rejectsNonStringClientId() {
		assertRejected("{\"client_id\":42,\"client_name\":\"x\",\"redirect_uris\":[\"http://127.0.0.1/cb\"]}",
				"client_id must be a string");
	}

	@Test
	void rejectsMissingClientName() {
		assertRejected("{\"client_id\":\"%s\",\"redirect_uris\":[\"http://127.0.0.1/cb\"]}".formatted(URL),
				"no client_name");
	}

	@Test
	void rejectsOverlongClientName() {
		assertRejected("{\"client_id\":\"%s\",\"client_name\":\"%s\",\"redirect_uris\":[\"http://127.0.0.1/cb\"]}"
			.formatted(URL, "n".repeat(201)), "client_name is longer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ",\"redirect_uris\":[]", ",\"redirect_uris\":\"http://127.0.0.1/cb\"" })
	void rejectsMissingOrEmptyRedirectUris(String redirectUris) {
		assertRejected("{\"client_id\":\"%s\",\"client_name\":\"x\"%s}".formatted(URL, redirectUris),
				"no redirect_uris");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://evil.test/cb", "javascript:alert(1)", "https://app.test/cb#frag", "/relative",
			"http://127.0.0.1/cb with space" })
	void rejectsUnsafeRedirectUris(String redirectUri) {
		assertThatThrownBy(() -> validate(
				"{\"client_id\":\"%s\",\"client_name\":\"x\",\"redirect_uris\":[\"%s\"]}".formatted(URL, redirectUri)))
			.isInstanceOf(ClientIdMetadataDocumentException.class)
			.hasMessageContaining("redirect URI");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://app.test/cb", "http://localhost/cb", "http://[::1]:3000/cb",
			"com.example.app:/oauth" })
	void acceptsHttpsLoopbackAndPrivateSchemeRedirectUris(String redirectUri) {
		assertThat(validate("{\"client_id\":\"%s\",\"client_name\":\"x\",\"redirect_uris\":[\"%s\"]}"
			.formatted(URL, redirectUri)).redirectUris()).containsExactly(redirectUri);
	}

	@Test
	void rejectsRedirectUrisThatDoNotFitTheClientTable() {
		String many = java.util.stream.IntStream.range(0, 60)
			.mapToObj((i) -> "\"https://app.test/" + "p".repeat(90) + i + "\"")
			.collect(java.util.stream.Collectors.joining(","));

		assertRejected("{\"client_id\":\"%s\",\"client_name\":\"x\",\"redirect_uris\":[%s]}".formatted(URL, many),
				"longer than 5000 characters in total");
	}

	@Test
	void rejectsClientSecret() {
		assertRejected(valid(",\"client_secret\":\"s\""), "client_secret");
	}

	@Test
	void rejectsClientSecretExpiresAt() {
		assertRejected(valid(",\"client_secret_expires_at\":0"), "client_secret_expires_at");
	}

	@ParameterizedTest
	@ValueSource(strings = { "client_secret_basic", "client_secret_post", "client_secret_jwt", "tls_client_auth" })
	void rejectsAuthMethodsOtherThanNoneAndPrivateKeyJwt(String method) {
		assertRejected(valid(",\"token_endpoint_auth_method\":\"" + method + "\""), "token_endpoint_auth_method");
	}

	@Test
	void acceptsPrivateKeyJwtWithHttpsJwksUri() {
		ClientMetadataDocument document = validate(
				valid(",\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks_uri\":\"https://client.example.test/jwks\""));

		assertThat(document.tokenEndpointAuthMethod()).isEqualTo("private_key_jwt");
		assertThat(document.jwksUri()).isEqualTo("https://client.example.test/jwks");
	}

	@Test
	void rejectsPrivateKeyJwtWithoutJwksUri() {
		assertRejected(valid(",\"token_endpoint_auth_method\":\"private_key_jwt\""), "requires a jwks_uri");
	}

	@Test
	void rejectsOverlongJwksUri() {
		assertRejected(valid(",\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks_uri\":\"https://c.test/"
				+ "k".repeat(2048) + "\""), "jwks_uri is longer");
	}

	@Test
	void rejectsPrivateKeyJwtWithInlineJwks() {
		assertRejected(valid(",\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":{\"keys\":[]}"),
				"inline jwks");
	}

	@Test
	void rejectsHttpJwksUriUnlessAllowed() {
		String body = valid(",\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks_uri\":\"http://127.0.0.1/jwks\"");

		assertRejected(body, "jwks_uri must be an https URL");
		assertThat(new ClientIdMetadataDocumentValidator(true)
			.validate(body.getBytes(StandardCharsets.UTF_8), URL)
			.jwksUri()).isEqualTo("http://127.0.0.1/jwks");
	}

	@Test
	void rejectsGrantTypesWithoutAuthorizationCode() {
		assertRejected(valid(",\"grant_types\":[\"client_credentials\"]"), "grant_types must include authorization_code");
	}

	@Test
	void rejectsResponseTypesWithoutCode() {
		assertRejected(valid(",\"response_types\":[\"token\"]"), "response_types must include code");
	}

	@Test
	void neverEchoesDocumentContentInMessages() {
		assertThatThrownBy(() -> validate(valid(",\"token_endpoint_auth_method\":\"<script>x</script>\"")))
			.isInstanceOf(ClientIdMetadataDocumentException.class)
			.message()
			.doesNotContain("<script>");
	}

	private static String valid(String extraMembers) {
		return "{\"client_id\":\"%s\",\"client_name\":\"x\",\"redirect_uris\":[\"http://127.0.0.1/cb\"]%s}"
			.formatted(URL, extraMembers);
	}

	private ClientMetadataDocument validate(String body) {
		return this.validator.validate(body.getBytes(StandardCharsets.UTF_8), URL);
	}

	private void assertRejected(String body, String reason) {
		assertThatThrownBy(() -> validate(body)).isInstanceOf(ClientIdMetadataDocumentException.class)
			.hasMessageContaining(reason);
	}

}
