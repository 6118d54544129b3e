package dev.mcpauth.resourceserver.web;

import java.net.URI;

import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Origin validation of the Streamable HTTP transport (checklist RS-16).
 */
class OriginValidationTest extends ResourceServerTestSupport {

	@Test
	void rs16ForeignOriginGets403WithoutAChallenge() {
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Origin", "https://evil.example",
				"Authorization", McpHttp.bearer(token("mcp:connect")));

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.wwwAuthenticate()).isNull();
	}

	@Test
	void rs16ForeignOriginIsRefusedBeforeAuthentication() {
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Origin", "http://localhost.evil.example");

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.wwwAuthenticate()).isNull();
	}

	@Test
	void opaqueNullOriginIsRefused() {
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Origin", "null");

		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void loopbackOriginOfALocalToolIsAllowed() {
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Origin", "http://localhost:6274",
				"Authorization", McpHttp.bearer(token("mcp:connect")));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:6274");
		assertThat(response.header("Access-Control-Expose-Headers")).contains("Mcp-Session-Id")
			.contains("WWW-Authenticate");
	}

	@Test
	void requestWithoutOriginIsNotAffected() {
		Response response = this.mcp.post(McpHttp.initializeRequest(), "Authorization",
				McpHttp.bearer(token("mcp:connect")));

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void corsPreflightFromAnAllowedOriginSucceedsWithoutAToken() {
		Response response = this.mcp.send("OPTIONS", URI.create(RESOURCE), "Origin", "http://127.0.0.1:6274",
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
				"authorization,content-type,mcp-session-id");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("http://127.0.0.1:6274");
	}

}
