package dev.mcpauth.oauth2.server.resource.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Origin policy (checklist RS-16).
 */
class AllowedOriginsTest {

	private final AllowedOrigins localDefaults = new AllowedOrigins(List.of(), "http://localhost:8001/mcp");

	@Test
	void absentOriginIsAllowed() {
		assertThat(this.localDefaults.isAllowed(null)).isTrue();
	}

	@Test
	void loopbackResourceAllowsLoopbackOriginsOnAnyPort() {
		assertThat(this.localDefaults.isAllowed("http://localhost:6274")).isTrue();
		assertThat(this.localDefaults.isAllowed("http://127.0.0.1:3000")).isTrue();
		assertThat(this.localDefaults.isAllowed("http://[::1]:3000")).isTrue();
		assertThat(this.localDefaults.isAllowed("http://localhost:8001")).isTrue();
	}

	@Test
	void rebindingLookalikesAreRefused() {
		assertThat(this.localDefaults.isAllowed("http://localhost.evil.example")).isFalse();
		assertThat(this.localDefaults.isAllowed("http://evil.example:8001")).isFalse();
		assertThat(this.localDefaults.isAllowed("null")).isFalse();
		assertThat(this.localDefaults.isAllowed("http://localhost:6274/path")).isFalse();
		assertThat(this.localDefaults.isAllowed("file://localhost")).isFalse();
		assertThat(this.localDefaults.isAllowed("not an origin")).isFalse();
	}

	@Test
	void publicResourceAllowsOnlyItsOwnOriginByDefault() {
		AllowedOrigins origins = new AllowedOrigins(List.of(), "https://mcp.example.test/mcp");

		assertThat(origins.isAllowed("https://mcp.example.test")).isTrue();
		assertThat(origins.isAllowed("http://localhost:6274")).isFalse();
	}

	@Test
	void configuredOriginsReplaceTheDefaults() {
		AllowedOrigins origins = new AllowedOrigins(List.of("https://app.example.test"), "http://localhost:8001/mcp");

		assertThat(origins.isAllowed("https://app.example.test")).isTrue();
		assertThat(origins.isAllowed("http://localhost:6274")).isFalse();
	}

}
