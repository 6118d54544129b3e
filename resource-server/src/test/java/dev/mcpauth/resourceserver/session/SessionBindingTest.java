package dev.mcpauth.resourceserver.session;

import java.net.URI;

import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session id is never authentication, and a session belongs to the caller who created it (checklist RS-11).
 */
class SessionBindingTest extends ResourceServerTestSupport {

	@Test
	void rs11SessionIdWithoutATokenGets401() {
		String session = this.mcp.initialize(token("mcp:connect"));

		Response response = this.mcp.post(McpHttp.toolsList(), "Mcp-Session-Id", session);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.wwwAuthenticate()).startsWith("Bearer resource_metadata=");
	}

	@Test
	void rs11SessionIdWithoutATokenCannotOpenTheEventStreamOrEndTheSession() {
		String alice = token("mcp:connect");
		String session = this.mcp.initialize(alice);

		Response stream = this.mcp.send("GET", URI.create(RESOURCE), "Accept", "text/event-stream", "Mcp-Session-Id",
				session);
		Response delete = this.mcp.send("DELETE", URI.create(RESOURCE), "Mcp-Session-Id", session);

		assertThat(stream.status()).isEqualTo(401);
		assertThat(stream.wwwAuthenticate()).startsWith("Bearer resource_metadata=");
		assertThat(delete.status()).isEqualTo(401);
		assertThat(delete.wwwAuthenticate()).startsWith("Bearer resource_metadata=");
		assertThat(this.mcp.post(McpHttp.toolsList(), "Authorization", McpHttp.bearer(alice), "Mcp-Session-Id", session)
			.status()).isEqualTo(200);
	}

	@Test
	void rs11SessionOfAnotherSubjectIsRefusedAndStaysUsableByItsOwner() {
		String alice = token("mcp:connect");
		String bob = this.authorizationServer.token(RESOURCE,
				claims -> claims.claim("scope", "mcp:connect").subject("bob"));
		String session = this.mcp.initialize(alice);

		Response hijack = this.mcp.post(McpHttp.toolsList(), "Authorization", McpHttp.bearer(bob), "Mcp-Session-Id",
				session);
		Response owner = this.mcp.post(McpHttp.toolsList(), "Authorization", McpHttp.bearer(alice), "Mcp-Session-Id",
				session);

		assertThat(hijack.status()).isEqualTo(404);
		assertThat(owner.status()).isEqualTo(200);
	}

	@Test
	void sessionOfTheSameUserThroughAnotherClientIsRefused() {
		String session = this.mcp.initialize(token("mcp:connect"));
		String otherClient = this.authorizationServer.token(RESOURCE,
				claims -> claims.claim("scope", "mcp:connect").claim("client_id", "http://localhost:3001/other.json"));

		Response response = this.mcp.post(McpHttp.toolsList(), "Authorization", McpHttp.bearer(otherClient),
				"Mcp-Session-Id", session);

		assertThat(response.status()).isEqualTo(404);
	}

	@Test
	void anotherSubjectCannotOpenTheSessionsEventStream() {
		String session = this.mcp.initialize(token("mcp:connect"));
		String bob = this.authorizationServer.token(RESOURCE,
				claims -> claims.claim("scope", "mcp:connect").subject("bob"));

		Response response = this.mcp.send("GET", URI.create(RESOURCE), "Accept", "text/event-stream", "Authorization",
				McpHttp.bearer(bob), "Mcp-Session-Id", session);

		assertThat(response.status()).isEqualTo(404);
	}

	@Test
	void anotherSubjectCannotDeleteTheSession() {
		String alice = token("mcp:connect");
		String bob = this.authorizationServer.token(RESOURCE,
				claims -> claims.claim("scope", "mcp:connect").subject("bob"));
		String session = this.mcp.initialize(alice);

		Response delete = this.mcp.send("DELETE", URI.create(RESOURCE), "Authorization", McpHttp.bearer(bob),
				"Mcp-Session-Id", session);

		assertThat(delete.status()).isEqualTo(404);
		assertThat(this.mcp.post(McpHttp.toolsList(), "Authorization", McpHttp.bearer(alice), "Mcp-Session-Id", session)
			.status()).isEqualTo(200);
	}

	@Test
	void deletedSessionIsGoneForItsOwnerToo() {
		String alice = token("mcp:connect");
		String session = this.mcp.initialize(alice);

		Response delete = this.mcp.send("DELETE", URI.create(RESOURCE), "Authorization", McpHttp.bearer(alice),
				"Mcp-Session-Id", session);

		assertThat(delete.status()).isEqualTo(200);
		assertThat(this.mcp.post(McpHttp.toolsList(), "Authorization", McpHttp.bearer(alice), "Mcp-Session-Id", session)
			.status()).isEqualTo(404);
	}

	@Test
	void steppedUpTokenOfTheSameCallerKeepsTheSession() {
		String session = this.mcp.initialize(token("mcp:connect"));

		Response response = this.mcp.post(McpHttp.toolsCall("get_weather", "{\"city\":\"Oslo\"}"), "Authorization",
				McpHttp.bearer(token("mcp:connect weather:read")), "Mcp-Session-Id", session);

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void unknownSessionIdGets404() {
		Response response = this.mcp.post(McpHttp.toolsList(), "Authorization", McpHttp.bearer(token("mcp:connect")),
				"Mcp-Session-Id", "00000000-0000-0000-0000-000000000000");

		assertThat(response.status()).isEqualTo(404);
	}

}
