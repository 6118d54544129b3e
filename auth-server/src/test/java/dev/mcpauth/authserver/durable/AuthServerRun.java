package dev.mcpauth.authserver.durable;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.authserver.AuthServerApplication;
import dev.mcpauth.authserver.support.OAuthClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One run of the whole auth-server application ({@code SpringApplication}), on a fixed loopback port and a given
 * database, so that a test can stop it and start another run on the same port and database: a restart.
 */
final class AuthServerRun implements AutoCloseable {

	static final String ISSUER = "http://issuer.test:9000";

	/** A fixed test key (base64 of 32 bytes), the same for every run of one test: like every instance in production. */
	static final String ENCRYPTION_KEY = "q4V0yZxvPC6m3nU5Hf3S1fM0cLr8sYpD2aTtK9wQe7E=";

	private final ConfigurableApplicationContext context;

	private final int port;

	private AuthServerRun(ConfigurableApplicationContext context, int port) {
		this.context = context;
		this.port = port;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static AuthServerRun start(int port, TestDatabase database, Map<String, Object> extra, String... profiles) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", port);
		properties.put("server.address", "127.0.0.1");
		// the management port (9080 in application.yml) is a random one here, as in @SpringBootTest(RANDOM_PORT)
		properties.put("management.server.port", 0);
		properties.put("mcp.authorization-server.issuer", ISSUER);
		properties.put("mcp.authorization-server.keys.encryption-key", ENCRYPTION_KEY);
		properties.put("spring.jmx.enabled", "false");
		properties.putAll(database.properties());
		properties.putAll(extra);
		// command-line arguments: they win over application.yml (default properties would not)
		String[] args = properties.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServerApplication.class)
			.profiles(profiles)
			.run(args);
		return new AuthServerRun(context, port);
	}

	OAuthClient client() {
		return new OAuthClient(this.port);
	}

	String jwksUri() {
		return "http://127.0.0.1:" + this.port + "/oauth2/jwks";
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
