package dev.mcpauth.resourceserver.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;
import dev.mcpauth.oauth2.server.resource.web.UnprotectedEndpointGuard;
import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The async dispatch that finishes a streamed answer skips the security chain only for a request the MCP chain
 * authorized; a refused request never gets one. A servlet filter after Spring Security's records every request and
 * async dispatch that gets past it, and whether a security chain is running around it (Spring Security's
 * {@code SecurityContextHolderFilter} marks the request while it runs).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(AuthorizedAsyncDispatchTest.Dispatches.class)
class AuthorizedAsyncDispatchTest {

	/** Not ResourceServerTestSupport's port: that context stays up while this one (with the recorder) runs. */
	private static final int PORT = freePort();

	private static final String RESOURCE = "http://localhost:" + PORT + "/mcp";

	private static final String CALL = "X-Test-Call";

	private static final String CHAIN_RUNNING = "org.springframework.security.web.context.SecurityContextHolderFilter"
			+ ".APPLIED";

	private final TestAuthorizationServer authorizationServer = TestAuthorizationServer.get();

	private final McpHttp mcp = new McpHttp(RESOURCE);

	@Autowired
	private Dispatches dispatches;

	@DynamicPropertySource
	static void resourceServerProperties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("mcp.resource-server.resource", () -> RESOURCE);
		registry.add("mcp.resource-server.issuer", () -> TestAuthorizationServer.ISSUER);
		registry.add("mcp.resource-server.jwk-set-uri", () -> TestAuthorizationServer.get().jwkSetUri());
	}

	private String token;

	private String session;

	@BeforeEach
	void initialize() {
		this.token = this.authorizationServer.token(RESOURCE, "mcp:connect");
		this.session = this.mcp.initialize(this.token);
		this.dispatches.seen.clear();
	}

	@Test
	void authorizedStreamedAnswerIsFinishedWithoutASecondPassThroughTheChain() {
		Response response = call("authorized", this.token, McpHttp.toolsCall("whoami", "{}"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().at("/result/content/0/text").asString()).contains("\"subject\":\"alice\"");
		assertThat(this.dispatches.seen).containsExactly(
				new Dispatch("authorized", DispatcherType.REQUEST, true, true),
				new Dispatch("authorized", DispatcherType.ASYNC, true, false));
	}

	@Test
	void refusedRequestsNeverReachTheAsyncDispatch() {
		Response insufficientScope = call("insufficient-scope", this.token,
				McpHttp.toolsCall("get_weather", "{\"city\":\"Paris\"}"));
		Response noToken = this.mcp.post(McpHttp.toolsCall("whoami", "{}"), CALL, "no-token", "Mcp-Session-Id",
				this.session);
		Response badToken = call("bad-token", this.token + "x", McpHttp.toolsCall("whoami", "{}"));

		assertThat(insufficientScope.status()).isEqualTo(403);
		assertThat(noToken.status()).isEqualTo(401);
		assertThat(badToken.status()).isEqualTo(401);
		assertThat(this.dispatches.seen).isEmpty();
	}

	private Response call(String name, String token, String body) {
		return this.mcp.post(body, CALL, name, "Authorization", McpHttp.bearer(token), "Mcp-Session-Id",
				this.session);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Dispatch(String call, DispatcherType type, boolean authorized, boolean chainRunning) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Dispatches {

		final List<Dispatch> seen = new CopyOnWriteArrayList<>();

		@Bean
		FilterRegistrationBean<Filter> dispatchRecorder() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter() {
				@Override
				public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
						throws IOException, ServletException {
					HttpServletRequest http = (HttpServletRequest) request;
					if (http.getHeader(CALL) != null) {
						Dispatches.this.seen.add(new Dispatch(http.getHeader(CALL), http.getDispatcherType(),
								Boolean.TRUE.equals(http.getAttribute(UnprotectedEndpointGuard.PROTECTED)),
								http.getAttribute(CHAIN_RUNNING) != null));
					}
					chain.doFilter(request, response);
				}
			});
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
			registration.setOrder(Ordered.LOWEST_PRECEDENCE);
			return registration;
		}

	}

}
