package dev.mcpauth.authserver.web.support;

import dev.mcpauth.authserver.support.CimdHost;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.UserDetailsManager;

/**
 * Base of the user-page tests: the auth-server outside the demo profile (real login and consent), on a random port,
 * with http/loopback CIMD documents allowed so the test's own {@link CimdHost} can publish them, and small login
 * limits. All subclasses share this configuration, so Spring starts one server for them. Tests that lock an
 * account create their own user; the per-address limit is high enough for every failure all tests make from
 * 127.0.0.1, and the per-address test signs in from 127.0.0.2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=alice", "spring.security.user.password=wonderland",
				"mcp.authorization-server.issuer=http://issuer.test:9000",
				"mcp.authorization-server.cimd.allow-http-and-loopback=true",
				"mcp.authorization-server.clients[0].client-id=browser-app",
				"mcp.authorization-server.clients[0].client-name=Browser App",
				"mcp.authorization-server.clients[0].redirect-uris=http://127.0.0.1/callback",
				"auth-server.ui.login.max-failures-per-account=3", "auth-server.ui.login.account-window=30m",
				"auth-server.ui.login.max-failures-per-address=15", "auth-server.ui.login.address-window=30m",
				"auth-server.ui.trusted-client-hosts=trusted.example" })
public abstract class UiServerTest {

	public static final String PASSWORD = "wonderland";

	protected static final CimdHost cimd = CimdHost.start();

	@LocalServerPort
	protected int port;

	@Autowired
	private UserDetailsService users;

	protected String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** A user of its own for a test that locks an account; password {@link #PASSWORD}. */
	protected String newUser(String prefix) {
		String name = prefix + "-" + System.nanoTime();
		((UserDetailsManager) this.users)
			.createUser(User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build());
		return name;
	}

	/** Publishes a CIMD document on loopback with the given name, redirect URI and grant types. */
	protected static String publishClient(String name, String clientName, String redirectUri, String grantTypes) {
		String path = "/" + name + "-" + System.nanoTime() + "/client.json";
		String clientId = cimd.url(path);
		cimd.serveJson(path, """
				{"client_id":"%s","client_name":"%s","redirect_uris":["%s"],
				 "grant_types":[%s],"response_types":["code"],"token_endpoint_auth_method":"none"}
				""".formatted(clientId, clientName, redirectUri, grantTypes));
		return clientId;
	}

}
