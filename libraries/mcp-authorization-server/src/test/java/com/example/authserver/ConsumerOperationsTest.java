package com.example.authserver;

import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user of the library gets without writing any code for it (issue 16): strict RFC 7591 registration
 * requests, a per-host limit on metadata document fetches (429 with {@code Retry-After}) and the CIMD fetch meters
 * in the application's {@link MeterRegistry}.
 */
@SpringBootTest(classes = ConsumerAuthorizationServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=alice", "spring.security.user.password=wonderland",
				"mcp.authorization-server.issuer=http://auth.example.test",
				"mcp.authorization-server.resources=https://mcp.example.test/mcp",
				"mcp.authorization-server.cimd.allow-http-and-loopback=true",
				"mcp.authorization-server.cimd.fetch-rate-limit.capacity=1",
				"mcp.authorization-server.cimd.fetch-rate-limit.period=10m",
				"spring.sql.init.schema-locations="
						+ "classpath:dev/mcpauth/oauth2/server/authorization/store/oauth2-registered-client-schema.sql,"
						+ "classpath:dev/mcpauth/oauth2/server/authorization/store/oauth2-authorization-schema.sql,"
						+ "classpath:org/springframework/security/oauth2/server/authorization/oauth2-authorization-consent-schema.sql" })
@Import(ConsumerOperationsTest.Meters.class)
class ConsumerOperationsTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpServer documentHost = startDocumentHost();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@AfterAll
	static void stopDocumentHost() {
		documentHost.stop(0);
	}

	@Test
	void registrationRequestsAreStrictlyTyped() throws Exception {
		HttpResponse<String> textPlain = register("text/plain", "{\"redirect_uris\":[\"http://127.0.0.1/cb\"]}");
		HttpResponse<String> objectName = register("application/json",
				"{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"client_name\":{\"a\":\"b\"}}");

		assertThat(textPlain.statusCode()).isEqualTo(415);
		assertThat(json.readTree(textPlain.body()).get("error").stringValue()).isEqualTo("invalid_client_metadata");
		assertThat(objectName.statusCode()).isEqualTo(400);
		assertThat(json.readTree(objectName.body()).get("error_description").stringValue())
			.isEqualTo("client_name must be a string");
	}

	@Test
	void documentFetchesAreLimitedPerHostAndMeasured() throws Exception {
		login();
		HttpResponse<String> first = get(authorizeUrl(documentUrl("/one.json")));
		HttpResponse<String> second = get(authorizeUrl(documentUrl("/two.json")));

		assertThat(first.statusCode()).as(first.body()).isEqualTo(200); // the consent page: the document was fetched
		assertThat(second.statusCode()).isEqualTo(429);
		assertThat(Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow())).isPositive();
		JsonNode error = json.readTree(second.body());
		assertThat(error.get("error").stringValue()).isEqualTo("temporarily_unavailable");
		assertThat(this.meters.find("mcp.cimd.fetch").tag("outcome", "success").timer().count()).isEqualTo(1);
		assertThat(this.meters.find("mcp.cimd.resolutions").tag("cache", "miss").counter().count()).isEqualTo(1);
		assertThat(this.meters.find("mcp.cimd.resolutions").tag("cache", "rate_limited").counter().count())
			.isEqualTo(1);
	}

	private void login() throws Exception {
		String loginPage = get(url("/login")).body();
		Matcher csrf = CSRF.matcher(loginPage);
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> loggedIn = post(url("/login"),
				Map.of("username", "alice", "password", "wonderland", "_csrf", csrf.group(1)));
		assertThat(loggedIn.statusCode()).isEqualTo(302);
	}

	private String authorizeUrl(String clientId) {
		Map<String, String> request = new LinkedHashMap<>();
		request.put("response_type", "code");
		request.put("client_id", clientId);
		request.put("redirect_uri", "http://127.0.0.1:50124/callback");
		request.put("state", "s");
		request.put("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
		request.put("code_challenge_method", "S256");
		request.put("resource", "https://mcp.example.test/mcp");
		return url("/oauth2/authorize?" + form(request));
	}

	private static String documentUrl(String path) {
		return "http://127.0.0.1:" + documentHost.getAddress().getPort() + path;
	}

	private static HttpServer startDocumentHost() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				String clientId = "http://127.0.0.1:" + server.getAddress().getPort()
						+ exchange.getRequestURI().getRawPath();
				byte[] body = """
						{"client_id":"%s","client_name":"Operations test client",
						 "redirect_uris":["http://127.0.0.1/callback"],"token_endpoint_auth_method":"none"}
						""".formatted(clientId).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> register(String contentType, String body) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(url("/oauth2/register")))
			.header("Content-Type", contentType)
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String url(String pathAndQuery) {
		return "http://127.0.0.1:" + this.port + pathAndQuery;
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** A user's meter registry (Actuator would provide one). */
	@TestConfiguration
	static class Meters {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
