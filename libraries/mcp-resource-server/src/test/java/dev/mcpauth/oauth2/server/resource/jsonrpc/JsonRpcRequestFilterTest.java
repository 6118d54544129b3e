package dev.mcpauth.oauth2.server.resource.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body the per-tool scope check reads (RS-12) is exactly the body the transport then reads, whether the request
 * announced its length or was chunked, and a body over the cap is refused with 413 either way.
 */
class JsonRpcRequestFilterTest {

	private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
			+ "\"params\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}}";

	private static final int CAP = 200;

	private final JsonRpcRequestFilter filter = new JsonRpcRequestFilter(
			PathPatternRequestMatcher.withDefaults().matcher("/mcp"), CAP);

	@BeforeEach
	void authenticate() {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("alice", null, "SCOPE_x"));
	}

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aBodyWithItsContentLengthReachesTheTransportUnchangedAndParsed() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(post(CALL, CALL.length()), response, chain);

		HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
		assertThat(passed).isNotNull();
		assertThat(new String(passed.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CALL);
		assertThat(passed.getContentLengthLong()).isEqualTo(CALL.length());
		assertThat(JsonRpcBody.of(passed)).hasValueSatisfying((body) -> assertThat(body.calls())
			.containsExactly(new JsonRpcCall(JsonRpcCall.TOOLS_CALL, "get_weather")));
	}

	@Test
	void aChunkedBodyReachesTheTransportUnchangedAndParsed() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(post(CALL, -1), new MockHttpServletResponse(), chain);

		HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
		assertThat(new String(passed.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CALL);
		assertThat(JsonRpcBody.of(passed)).isPresent();
	}

	@Test
	void aBodyShorterThanItsContentLengthIsParsedAsReceivedAndRefusedWhenIncomplete() throws Exception {
		String truncated = CALL.substring(0, 40);
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(post(truncated, CALL.length()), response, chain);

		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("\"code\":-32700");
	}

	@Test
	void aBodyOverTheCapIsRefusedWithItsContentLengthAndWhenChunked() throws Exception {
		String large = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":{\"pad\":\""
				+ "x".repeat(CAP) + "\"}}}";
		for (long announced : List.of((long) large.length(), -1L)) {
			MockFilterChain chain = new MockFilterChain();
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.filter.doFilter(post(large, announced), response, chain);

			assertThat(chain.getRequest()).as("Content-Length %d", announced).isNull();
			assertThat(response.getStatus()).as("Content-Length %d", announced).isEqualTo(413);
			assertThat(response.getContentAsString()).contains("Request body too large");
		}
	}

	@Test
	void aBodyExactlyAtTheCapIsRead() throws Exception {
		String prefix = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\",\"params\":{\"_meta\":{\"pad\":\"";
		String suffix = "\"}}}";
		String exact = prefix + "x".repeat(CAP - prefix.length() - suffix.length()) + suffix;
		assertThat(exact).hasSize(CAP);
		for (long announced : List.of((long) CAP, -1L)) {
			MockFilterChain chain = new MockFilterChain();
			this.filter.doFilter(post(exact, announced), new MockHttpServletResponse(), chain);
			assertThat(chain.getRequest()).as("Content-Length %d", announced).isNotNull();
		}
	}

	/** A POST to /mcp with {@code body}, announcing {@code contentLength} ({@code -1}: chunked). */
	private static MockHttpServletRequest post(String body, long contentLength) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp") {
			@Override
			public long getContentLengthLong() {
				return contentLength;
			}

			@Override
			public int getContentLength() {
				return (int) contentLength;
			}
		};
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		request.setContentType("application/json");
		return request;
	}

}
