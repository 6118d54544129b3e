package dev.mcpauth.oauth2.client.http;

import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.McpAuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CL-26: which metadata-supplied URLs the client agrees to call. */
class EndpointPolicyTest {

	@Test
	void acceptsHttpsAnywhereAndHttpOnLoopback() {
		assertThat(EndpointPolicy.require("https://as.example.test/token", "token_endpoint")).hasHost("as.example.test");
		assertThat(EndpointPolicy.require("http://localhost:9000/token", "token_endpoint")).hasPort(9000);
		assertThat(EndpointPolicy.require("http://127.0.0.1:9000/token", "token_endpoint")).hasPort(9000);
		assertThat(EndpointPolicy.require("http://[::1]:9000/token", "token_endpoint")).hasPort(9000);
	}

	@Test
	void refusesPlainHttpToAnotherHost() {
		assertThatThrownBy(() -> EndpointPolicy.require("http://as.example.test/token", "token_endpoint"))
			.isInstanceOf(McpAuthorizationException.class)
			.hasMessage("token_endpoint must use https (plain http is accepted for loopback hosts only): http://as.example.test/token");
	}

	@Test
	void refusesLinkLocalTargetsSuchAsCloudMetadata() { // RFC 9728 section 7.7
		assertThatThrownBy(() -> EndpointPolicy.require("https://169.254.169.254/latest/meta-data/", "resource_metadata URL"))
			.hasMessageContaining("link-local");
	}

	@Test
	void refusesRelativeOrFragmentUrlsAndGarbage() {
		assertThatThrownBy(() -> EndpointPolicy.require("/token", "token_endpoint")).hasMessageContaining("absolute URL");
		assertThatThrownBy(() -> EndpointPolicy.require("https://a.test/x#f", "token_endpoint")).hasMessageContaining("no fragment");
		assertThatThrownBy(() -> EndpointPolicy.require("https://a b", "token_endpoint")).hasMessageContaining("not a valid URL");
	}

}
