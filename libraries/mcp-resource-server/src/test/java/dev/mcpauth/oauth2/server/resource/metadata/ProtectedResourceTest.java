package dev.mcpauth.oauth2.server.resource.metadata;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9728 section 3.1 path insertion of the well-known suffix.
 */
class ProtectedResourceTest {

	@Test
	void insertsTheSuffixBetweenHostAndPath() {
		ProtectedResource resource = ProtectedResource.of("http://localhost:8001/mcp");

		assertThat(resource.metadataUrl()).isEqualTo("http://localhost:8001/.well-known/oauth-protected-resource/mcp");
		assertThat(resource.metadataPath()).isEqualTo("/.well-known/oauth-protected-resource/mcp");
		assertThat(resource.resource()).isEqualTo("http://localhost:8001/mcp");
	}

	@Test
	void resourceAtTheRootUsesTheRootLocation() {
		ProtectedResource resource = ProtectedResource.of("https://mcp.example.test");

		assertThat(resource.metadataUrl()).isEqualTo("https://mcp.example.test/.well-known/oauth-protected-resource");
	}

	@Test
	void keepsADeeperPathAndTheQuery() {
		ProtectedResource resource = ProtectedResource.of("https://example.test/public/mcp?tenant=a");

		assertThat(resource.metadataUrl())
			.isEqualTo("https://example.test/.well-known/oauth-protected-resource/public/mcp?tenant=a");
		assertThat(resource.metadataPath()).isEqualTo("/.well-known/oauth-protected-resource/public/mcp");
	}

}
