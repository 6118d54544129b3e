package com.example.defaultchain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.KeyPair;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that only adds the library and a few properties gets the MCP chain and a form-login chain from
 * the auto-configuration, ahead of Spring Boot's own authorization server chains (which would serve metadata
 * without CIMD support); clients from {@code mcp.authorization-server.clients} are registered; a bean the
 * application declares (here its signing key) replaces the library's.
 */
@SpringBootTest(classes = DefaultChainTest.PropertiesOnlyApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.issuer=http://auth.example.test",
				"mcp.authorization-server.resources=https://mcp.example.test/mcp",
				"mcp.authorization-server.clients[0].client-id=configured-app",
				"mcp.authorization-server.clients[0].redirect-uris=http://127.0.0.1/callback",
				"spring.sql.init.schema-locations="
						+ "classpath:dev/mcpauth/oauth2/server/authorization/store/oauth2-registered-client-schema.sql,"
						+ "classpath:dev/mcpauth/oauth2/server/authorization/store/oauth2-authorization-schema.sql,"
						+ "classpath:org/springframework/security/oauth2/server/authorization/oauth2-authorization-consent-schema.sql" })
class DefaultChainTest {

	static final String KEY_ID = "application-key";

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void servesMcpMetadataFromTheLibrarysChain() throws Exception {
		HttpResponse<String> metadata = get("/.well-known/oauth-authorization-server", "application/json");

		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.body()).contains("\"client_id_metadata_document_supported\":true")
			.contains("\"issuer\":\"http://auth.example.test\"");
	}

	@Test
	void sendsBrowsersToTheDefaultChainsLoginFormAndOtherCallersGet401() throws Exception {
		HttpResponse<String> browser = get("/oauth2/authorize?response_type=code&client_id=configured-app"
				+ "&redirect_uri=http%3A%2F%2F127.0.0.1%3A50100%2Fcallback&scope=mcp%3Aconnect&state=s1"
				+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
				+ "&resource=https%3A%2F%2Fmcp.example.test%2Fmcp", "text/html");
		HttpResponse<String> token = this.http.send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=x"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(browser.statusCode()).isEqualTo(302);
		assertThat(browser.headers().firstValue("Location").orElse("")).endsWith("/login");
		assertThat(get("/login", "text/html").body()).contains("name=\"username\"");
		assertThat(token.statusCode()).isEqualTo(401);
	}

	@Test
	void publishesTheApplicationsOwnSigningKey() throws Exception {
		HttpResponse<String> jwks = get("/oauth2/jwks", "application/json");

		assertThat(jwks.statusCode()).isEqualTo(200);
		assertThat(JWKSet.parse(jwks.body()).getKeys()).extracting((key) -> key.getKeyID()).containsExactly(KEY_ID);
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", accept).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	@SpringBootApplication
	static class PropertiesOnlyApplication {

		@Bean
		JWKSource<SecurityContext> applicationSigningKey() throws Exception {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keyPair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
				.privateKey((RSAPrivateKey) keyPair.getPrivate())
				.keyID(KEY_ID)
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}

	}

}
