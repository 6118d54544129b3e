package dev.mcpauth.oauth2.server.resource.web;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the async dispatch of a request the MCP chain authorized skips the chain's second pass. */
class AuthorizedAsyncDispatchTest {

	private final AuthorizedAsyncDispatch matcher = new AuthorizedAsyncDispatch();

	@Test
	void matchesTheAsyncDispatchOfAnAuthorizedMcpRequest() {
		assertThat(this.matcher.matches(request(DispatcherType.ASYNC, Boolean.TRUE))).isTrue();
	}

	@Test
	void neverMatchesTheRequestDispatchEvenWithTheAttribute() {
		assertThat(this.matcher.matches(request(DispatcherType.REQUEST, Boolean.TRUE))).isFalse();
		assertThat(this.matcher.matches(request(DispatcherType.ERROR, Boolean.TRUE))).isFalse();
		assertThat(this.matcher.matches(request(DispatcherType.FORWARD, Boolean.TRUE))).isFalse();
	}

	@Test
	void doesNotMatchTheAsyncDispatchOfARequestTheMcpChainDidNotAuthorize() {
		assertThat(this.matcher.matches(request(DispatcherType.ASYNC, null))).isFalse();
		assertThat(this.matcher.matches(request(DispatcherType.ASYNC, "true"))).isFalse();
	}

	private static MockHttpServletRequest request(DispatcherType type, Object authorized) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.setDispatcherType(type);
		if (authorized != null) {
			request.setAttribute(UnprotectedEndpointGuard.PROTECTED, authorized);
		}
		return request;
	}

}
