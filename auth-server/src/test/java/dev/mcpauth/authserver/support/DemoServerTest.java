package dev.mcpauth.authserver.support;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the HTTP tests: the auth-server on a random port in the demo profile (fixed user, auto-consent, http
 * CIMD URLs on loopback allowed), and one shared CIMD host. Every subclass shares this configuration, so Spring
 * starts the server once. Tests publish documents under their own paths, so cached documents never collide.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.issuer=http://issuer.test:9000",
				"mcp.authorization-server.resources=http://localhost:8001/mcp,http://localhost:8002/other",
				"mcp.authorization-server.access-token-time-to-live=7m", "mcp.authorization-server.clients[0].client-id=preregistered",
				"mcp.authorization-server.clients[0].client-secret={noop}s3cret",
				"mcp.authorization-server.clients[0].redirect-uris=http://127.0.0.1/callback" })
@ActiveProfiles("demo")
public abstract class DemoServerTest {

	public static final String ISSUER = "http://issuer.test:9000";

	public static final String OTHER_RESOURCE = "http://localhost:8002/other";

	protected static final CimdHost cimd = CimdHost.start();

	@LocalServerPort
	private int port;

	protected OAuthClient client;

	@BeforeEach
	void createClient() {
		this.client = new OAuthClient(this.port);
	}

	/** A path no other test uses, so each test gets its own client_id and cache entry. */
	protected static String uniquePath(String name) {
		return "/" + name + "-" + System.nanoTime() + "/client.json";
	}

}
