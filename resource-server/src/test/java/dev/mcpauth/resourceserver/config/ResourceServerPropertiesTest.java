package dev.mcpauth.resourceserver.config;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The canonical URIs are checked at startup, so a misconfiguration fails fast instead of refusing every token.
 */
class ResourceServerPropertiesTest {

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
			.withMessageContaining("resource-server.resource");
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
			.withMessageContaining("resource-server.issuer");
	}

	private static ResourceServerProperties properties(String resource, String issuer, String jwkSetUri) {
		return new ResourceServerProperties(resource, issuer, jwkSetUri, "name", List.of(), Duration.ofSeconds(30),
				DataSize.ofKilobytes(256), Duration.ofHours(1));
	}

}
