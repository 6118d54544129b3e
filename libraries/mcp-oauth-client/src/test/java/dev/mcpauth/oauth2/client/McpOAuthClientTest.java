package dev.mcpauth.oauth2.client;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder refuses configuration that cannot work, with a message naming what is wrong. */
class McpOAuthClientTest {

	@Test
	void refusesAServerUrlThatIsNotCanonical() { // MCP canonical server URI: absolute http(s), no fragment
		for (String url : List.of("mcp.example.test/mcp", "ftp://mcp.example.test/mcp", "https://mcp.example.test/mcp#x")) {
			assertThatThrownBy(() -> McpOAuthClient.builder(url)).as(url)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("absolute http(s) URL without fragment");
		}
		assertThatThrownBy(() -> McpOAuthClient.builder("https://mcp.example.test/a b"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not a valid MCP server URL");
	}

	@Test
	void refusesAMetadataDocumentUrlThatCannotBeAClientId() {
		assertThatThrownBy(() -> McpOAuthClient.builder("https://mcp.example.test/mcp")
			.clientMetadataDocumentUrl("http://app.example.test/client.json"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("https URL with a path");
	}

	@Test
	void refusesFewerThanOneAuthorizationAttempt() {
		assertThatThrownBy(() -> McpOAuthClient.builder("https://mcp.example.test/mcp")
			.headlessUserAgent("http://127.0.0.1/callback")
			.maxAuthorizationAttempts(0)
			.build()).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void startsWithoutAnyAuthorization() {
		try (McpOAuthClient oauth = McpOAuthClient.builder("https://mcp.example.test/mcp").build()) {
			assertThat(oauth.authorizations()).isZero();
			assertThat(oauth.registrationMethod()).isEmpty();
			assertThat(oauth.failure()).isEmpty();
			// three authorization replays plus the one a use_dpop_nonce answer may cost (RFC 9449 section 9)
			assertThat(oauth.authorizationErrorHandler().maxRetries()).isEqualTo(4);
			assertThat(oauth.dpopKeyThumbprint()).isPresent();
			assertThat(oauth.grant()).isEqualTo(AuthorizationGrant.AUTHORIZATION_CODE);
		}
	}

}
