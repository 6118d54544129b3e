package dev.mcpauth.oauth2.server.resource.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The canonical URIs are checked at startup, so a misconfiguration fails fast instead of refusing every token.
 */
class McpResourceServerPropertiesTest {

	@Test
	void jwkSetUriDefaultsToTheIssuersJwksEndpoint() {
		assertThat(properties("http://localhost:8001/mcp", "http://localhost:9000", null).jwkSetUri())
			.isEqualTo("http://localhost:9000/oauth2/jwks");
	}

	@Test
	void explicitJwkSetUriWins() {
		assertThat(properties("http://localhost:8001/mcp", "http://localhost:9000", "http://auth-server:9000/jwks")
			.jwkSetUri()).isEqualTo("http://auth-server:9000/jwks");
	}

	@Test
	void rs14ResourceWithTrailingSlashIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties("http://localhost:8001/mcp/", "http://localhost:9000", null))
			.withMessageContaining("mcp.resource-server.resource");
	}

	@Test
	void resourceWithFragmentIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties("http://localhost:8001/mcp#x", "http://localhost:9000", null));
	}

	@Test
	void relativeResourceIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("/mcp", "http://localhost:9000", null));
	}

	@Test
	void issuerWithTrailingSlashIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties("http://localhost:8001/mcp", "http://localhost:9000/", null))
			.withMessageContaining("mcp.resource-server.issuer");
	}

	@Test
	void resourceAndIssuerAreRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(null, "http://localhost:9000", null))
			.withMessage("mcp.resource-server.resource must be set");
		assertThatIllegalArgumentException().isThrownBy(() -> properties("http://localhost:8001/mcp", " ", null))
			.withMessage("mcp.resource-server.issuer must be set");
	}

	@Test
	void baseScopeMustBeOneScopeToken() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new McpResourceServerProperties("http://localhost:8001/mcp", "http://localhost:9000",
					null, null, "mcp connect", List.of(), Duration.ofSeconds(30), DataSize.ofKilobytes(256),
					Duration.ofHours(1), 4096, null))
			.withMessageContaining("mcp.resource-server.base-scope");
	}

	@Test
	void onlyTheTwoRequiredKeysGiveTheDocumentedDefaults() {
		McpResourceServerProperties defaults = McpResourceServerProperties.of("http://localhost:8001/mcp",
				"http://localhost:9000");

		assertThat(defaults.baseScope()).isEqualTo("mcp:connect");
		assertThat(defaults.resourceName()).isNull();
		assertThat(defaults.tokenCacheSize()).isEqualTo(4096);
		assertThat(defaults.maxRequestSize()).isEqualTo(DataSize.ofKilobytes(256));
	}

	private static McpResourceServerProperties properties(String resource, String issuer, String jwkSetUri) {
		return new McpResourceServerProperties(resource, issuer, jwkSetUri, "name", "mcp:connect", List.of(),
				Duration.ofSeconds(30), DataSize.ofKilobytes(256), Duration.ofHours(1), 4096, null);
	}

}
