package dev.mcpauth.oauth2.client.discovery;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Checklist sections 2.1 and 2.3: the URL shapes, including the terminating-slash rule. */
class WellKnownUrisTest {

	@Test
	void stripsOneTerminatingSlashBeforeInsertingForAnIssuer() { // RFC 8414 section 3.1
		assertThat(WellKnownUris.authorizationServer(URI.create("https://auth.example.com/tenant1/"))).containsExactly(
				"https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
				"https://auth.example.com/.well-known/openid-configuration/tenant1",
				"https://auth.example.com/tenant1/.well-known/openid-configuration");
		assertThat(WellKnownUris.authorizationServer(URI.create("https://auth.example.com/"))).containsExactly(
				"https://auth.example.com/.well-known/oauth-authorization-server",
				"https://auth.example.com/.well-known/openid-configuration");
	}

	@Test
	void rootMcpServerHasOnlyTheRootPrmWhoseResourceIsTheServerUrl() {
		assertThat(WellKnownUris.protectedResource(URI.create("https://mcp.example.com")))
			.containsExactly(new WellKnownUris.Candidate("https://mcp.example.com/.well-known/oauth-protected-resource",
					"https://mcp.example.com"));
	}

	@Test
	void pathInsertionKeepsTheQuery() { // RFC 9728 section 3.1
		assertThat(WellKnownUris.protectedResource(URI.create("https://mcp.example.com:8443/a/mcp?x=1")).get(0).url())
			.isEqualTo("https://mcp.example.com:8443/.well-known/oauth-protected-resource/a/mcp?x=1");
	}

	@Test
	void resourceComparisonIsExactExceptForTheEmptyPathOfAnOrigin() { // RFC 9728 section 3.3
		assertThat(ProtectedResourceMetadataDiscovery.sameResource("https://a.test/mcp", "https://a.test/mcp")).isTrue();
		assertThat(ProtectedResourceMetadataDiscovery.sameResource("https://a.test/mcp/", "https://a.test/mcp")).isFalse();
		assertThat(ProtectedResourceMetadataDiscovery.sameResource("https://a.test/MCP", "https://a.test/mcp")).isFalse();
		assertThat(ProtectedResourceMetadataDiscovery.sameResource("https://a.test/", "https://a.test")).isTrue();
	}

}
