package dev.mcpauth.authserver.registration;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.mcpauth.authserver.support.DemoServerTest;
import dev.mcpauth.authserver.support.OAuthClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The hostile-input table of {@code /oauth2/register} (docs/security.md "Registration hygiene", checklist AS-15):
 * every row is one real HTTP request to the running server, answered with an RFC 7591 §3.2.2 error whose
 * {@code error_description} is a fixed text naming the field, never an exception message, a Java type name or a
 * parser message.
 */
class RegistrationHostileInputTest extends DemoServerTest {

	private static final String URIS = "\"redirect_uris\":[\"http://127.0.0.1/callback\"]";

	private static final String JSON = "application/json";

	private static final int MAX_BYTES = 16384;

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private RegisteredClientRepository registeredClients;

	static Stream<Arguments> hostileRequests() {
		String manyGrantTypes = IntStream.range(0, 50_000)
			.mapToObj((i) -> "\"authorization_code\"")
			.collect(Collectors.joining(",", "{" + URIS + ",\"grant_types\":[", "]}"));
		String manyUris = IntStream.range(0, 21)
			.mapToObj((i) -> "\"http://127.0.0.1/cb" + i + "\"")
			.collect(Collectors.joining(",", "{\"redirect_uris\":[", "]}"));
		String deep = "{" + URIS + ",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
		return Stream.of(
				// redirect_uris (RFC 7591 §2; invalid_redirect_uri per §3.2.2)
				row("H01 redirect_uris null", JSON, "{\"redirect_uris\":null}", 400, "invalid_redirect_uri",
						"redirect_uris must be an array of strings"),
				row("H02 redirect_uris a string", JSON, "{\"redirect_uris\":\"http://127.0.0.1/cb\"}", 400,
						"invalid_redirect_uri", "redirect_uris must be an array of strings"),
				row("H03 redirect_uris an object", JSON, "{\"redirect_uris\":{\"a\":1}}", 400,
						"invalid_redirect_uri", "redirect_uris must be an array of strings"),
				row("H04 redirect_uris with a number", JSON, "{\"redirect_uris\":[42]}", 400,
						"invalid_redirect_uri", "redirect_uris must be an array of strings"),
				row("H05 redirect_uris with null", JSON, "{\"redirect_uris\":[null]}", 400,
						"invalid_redirect_uri", "redirect_uris must be an array of strings"),
				row("H06 redirect_uris empty", JSON, "{\"redirect_uris\":[]}", 400, "invalid_redirect_uri",
						"redirect_uris must name at least one redirect URI"),
				row("H07 redirect_uris missing", JSON, "{\"client_name\":\"x\"}", 400, "invalid_redirect_uri",
						"redirect_uris is required"),
				row("H08 21 redirect_uris", JSON, manyUris, 400, "invalid_redirect_uri",
						"redirect_uris has more than 20 entries"),
				// human-readable strings (RFC 7591 §2, §2.2)
				row("H09 client_name an object", JSON, "{" + URIS + ",\"client_name\":{\"a\":\"b\"}}", 400,
						"invalid_client_metadata", "client_name must be a string"),
				row("H10 client_name an array", JSON, "{" + URIS + ",\"client_name\":[\"a\"]}", 400,
						"invalid_client_metadata", "client_name must be a string"),
				row("H11 client_name a number", JSON, "{" + URIS + ",\"client_name\":7}", 400,
						"invalid_client_metadata", "client_name must be a string"),
				row("H12 client_name a boolean", JSON, "{" + URIS + ",\"client_name\":true}", 400,
						"invalid_client_metadata", "client_name must be a string"),
				row("H13 client_name null", JSON, "{" + URIS + ",\"client_name\":null}", 400,
						"invalid_client_metadata", "client_name must be a string"),
				row("H14 language-tagged client_name a number", JSON, "{" + URIS + ",\"client_name#fr\":1}", 400,
						"invalid_client_metadata", "client_name#fr must be a string"),
				row("H15 client_uri a number", JSON, "{" + URIS + ",\"client_uri\":1}", 400,
						"invalid_client_metadata", "client_uri must be a string"),
				row("H16 logo_uri an object", JSON, "{" + URIS + ",\"logo_uri\":{}}", 400,
						"invalid_client_metadata", "logo_uri must be a string"),
				row("H17 token_endpoint_auth_method a number", JSON,
						"{" + URIS + ",\"token_endpoint_auth_method\":0}", 400, "invalid_client_metadata",
						"token_endpoint_auth_method must be a string"),
				row("H18 scope an array", JSON, "{" + URIS + ",\"scope\":[\"mcp:connect\"]}", 400,
						"invalid_client_metadata", "scope must be a string"),
				// arrays of strings
				row("H19 grant_types a string", JSON, "{" + URIS + ",\"grant_types\":\"authorization_code\"}", 400,
						"invalid_client_metadata", "grant_types must be an array of strings"),
				row("H20 grant_types with a boolean", JSON, "{" + URIS + ",\"grant_types\":[true]}", 400,
						"invalid_client_metadata", "grant_types must be an array of strings"),
				row("H21 11 grant_types", JSON,
						"{" + URIS + ",\"grant_types\":[" + "\"authorization_code\",".repeat(10)
								+ "\"authorization_code\"]}",
						400, "invalid_client_metadata", "grant_types has more than 10 entries"),
				row("H22 response_types an object", JSON, "{" + URIS + ",\"response_types\":{\"code\":1}}", 400,
						"invalid_client_metadata", "response_types must be an array of strings"),
				row("H23 contacts a string", JSON, "{" + URIS + ",\"contacts\":\"a@b.test\"}", 400,
						"invalid_client_metadata", "contacts must be an array of strings"),
				row("H24 jwks a string", JSON, "{" + URIS + ",\"jwks\":\"keys\"}", 400, "invalid_client_metadata",
						"jwks must be a JSON object"),
				// the document as a whole
				row("H25 top-level array", JSON, "[" + "{" + URIS + "}]", 400, "invalid_client_metadata",
						"The registration request must be a JSON object"),
				row("H26 top-level string", JSON, "\"hello\"", 400, "invalid_client_metadata",
						"The registration request must be a JSON object"),
				row("H27 empty body", JSON, "", 400, "invalid_client_metadata",
						"The registration request must be a JSON object"),
				row("H28 truncated JSON", JSON, "{\"redirect_uris\":[", 400, "invalid_client_metadata",
						"The registration request is not valid JSON"),
				row("H29 trailing content", JSON, "{" + URIS + "} {}", 400, "invalid_client_metadata",
						"The registration request is not valid JSON"),
				row("H30 duplicate field", JSON,
						"{" + URIS + ",\"client_name\":\"a\",\"client_name\":{\"b\":1}}", 400,
						"invalid_client_metadata", "The registration request repeats a field"),
				row("H31 nesting deeper than 32 levels", JSON, deep, 400, "invalid_client_metadata",
						"The registration request is nested too deeply"),
				row("H32 1 MB body with 50,000 grant_types", JSON, manyGrantTypes, 413, "invalid_client_metadata",
						"The registration request is larger than " + MAX_BYTES + " bytes"),
				// media type (RFC 7591 §3.1: application/json)
				row("H33 text/plain", "text/plain", "{" + URIS + "}", 415, "invalid_client_metadata",
						"Content-Type must be application/json"),
				row("H34 form-encoded", "application/x-www-form-urlencoded", "redirect_uris=x", 415,
						"invalid_client_metadata", "Content-Type must be application/json"),
				row("H35 no Content-Type", null, "{" + URIS + "}", 415, "invalid_client_metadata",
						"Content-Type must be application/json"),
				row("H36 client_name longer than 200 characters", JSON,
						"{" + URIS + ",\"client_name\":\"" + "n".repeat(201) + "\"}", 400, "invalid_client_metadata",
						"client_name is longer than 200 characters"));
	}

	private static Arguments row(String name, String contentType, String body, int status, String error,
			String description) {
		return arguments(name, contentType, body.getBytes(StandardCharsets.UTF_8), status, error, description);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileRequests")
	void refusesHostileRegistrationWithFixedFieldNamingError(String name, String contentType, byte[] body,
			int status, String error, String description) {
		HttpResponse<String> response = post(contentType, HttpRequest.BodyPublishers.ofByteArray(body));

		assertRegistrationError(response, status, error, description);
	}

	@ParameterizedTest(name = "H37 invalid UTF-8 in {0}")
	@MethodSource("invalidUtf8")
	void refusesBytesThatAreNotUtf8(String where, byte[] body) {
		HttpResponse<String> response = post(JSON, HttpRequest.BodyPublishers.ofByteArray(body));

		assertRegistrationError(response, 400, "invalid_client_metadata", "The registration request is not valid JSON");
	}

	static Stream<Arguments> invalidUtf8() {
		byte[] prefix = "{\"redirect_uris\":[\"http://127.0.0.1/callback\"],\"client_name\":\"".getBytes(
				StandardCharsets.UTF_8);
		byte[] body = new byte[prefix.length + 3];
		System.arraycopy(prefix, 0, body, 0, prefix.length);
		body[prefix.length] = (byte) 0xC3; // a lead byte without its continuation
		body[prefix.length + 1] = '"';
		body[prefix.length + 2] = '}';
		return Stream.of(arguments("client_name", body));
	}

	@org.junit.jupiter.api.Test
	void refusesOversizedChunkedBodyWithoutContentLength() {
		byte[] big = ("{" + URIS + ",\"x\":\"" + "a".repeat(MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

		// ofInputStream sends no Content-Length (chunked): the limit must hold while reading, not only on the header
		HttpResponse<String> response = post(JSON, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

		assertRegistrationError(response, 413, "invalid_client_metadata",
				"The registration request is larger than " + MAX_BYTES + " bytes");
	}

	@org.junit.jupiter.api.Test
	void acceptsJsonWithCharsetAndIgnoresUnknownFields() {
		HttpResponse<String> response = post("application/json; charset=utf-8", HttpRequest.BodyPublishers
			.ofString("{" + URIS + ",\"client_name\":\"Fine\",\"x-unknown\":{\"nested\":[1,2,{\"a\":null}]}}"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		String clientId = OAuthClient.json(response).get("client_id").stringValue();
		assertThat(this.registeredClients.findByClientId(clientId).getClientName()).isEqualTo("Fine");
	}

	private static void assertRegistrationError(HttpResponse<String> response, int status, String error,
			String description) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		JsonNode body = OAuthClient.json(response);
		assertThat(body.get("error").stringValue()).isEqualTo(error);
		assertThat(body.get("error_description").stringValue()).isEqualTo(description);
		assertThat(body.get("error_uri").stringValue()).isEqualTo("https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2");
		assertThat(response.body()).doesNotContain("Exception", "java.", "jackson", "Jackson", "Cannot", "Unexpected",
				"line:", "column:");
	}

	private HttpResponse<String> post(String contentType, HttpRequest.BodyPublisher body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.client.baseUrl() + "/oauth2/register"))
			.header("Accept", "application/json")
			.POST(body);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
