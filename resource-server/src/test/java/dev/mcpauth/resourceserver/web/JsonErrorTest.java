package dev.mcpauth.resourceserver.web;

import java.net.URI;

import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors raised outside the OAuth handlers (here Spring Security's request firewall) are short JSON, never an HTML
 * error page or a stack trace, even for a browser (checklist RS-06).
 */
class JsonErrorTest extends ResourceServerTestSupport {

	@Test
	void firewallRejectionIsJsonForABrowserToo() {
		Response response = this.mcp.send("GET", URI.create(ORIGIN + "/mcp;jsessionid=abc"), "Accept", "text/html");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.body()).doesNotContainIgnoringCase("<html").doesNotContain("Exception");
		assertThat(response.json().get("error").asString()).isEqualTo("bad_request");
	}

}
