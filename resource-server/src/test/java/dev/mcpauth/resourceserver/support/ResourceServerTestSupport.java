package dev.mcpauth.resourceserver.support;

import dev.mcpauth.oauth2.server.resource.support.TestAuthorizationServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Starts the real application on a free loopback port, configured so that its canonical resource URI is exactly the
 * URL the tests POST to, with keys served by {@link TestAuthorizationServer}. Subclasses share one application
 * context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class ResourceServerTestSupport {

	public static final int PORT = freePort();

	public static final String ORIGIN = "http://localhost:" + PORT;

	public static final String RESOURCE = ORIGIN + "/mcp";

	public static final String METADATA_URL = ORIGIN + "/.well-known/oauth-protected-resource/mcp";

	protected final TestAuthorizationServer authorizationServer = TestAuthorizationServer.get();

	protected final McpHttp mcp = new McpHttp(RESOURCE);

	@DynamicPropertySource
	static void resourceServerProperties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("mcp.resource-server.resource", () -> RESOURCE);
		registry.add("mcp.resource-server.issuer", () -> TestAuthorizationServer.ISSUER);
		registry.add("mcp.resource-server.jwk-set-uri", () -> TestAuthorizationServer.get().jwkSetUri());
	}

	/** A valid token for this resource with the given space-separated scopes. */
	protected String token(String scope) {
		return this.authorizationServer.token(RESOURCE, scope);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
