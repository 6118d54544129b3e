package dev.mcpauth.demo.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.lifecycle.Startables;

/**
 * docker-compose.scale.yml in Testcontainers (issue 14, docs/deployment.md): PostgreSQL, two authorization servers
 * and two MCP servers on a network of their own, HAProxy in front with the repository's docker/haproxy/haproxy.cfg.
 * Each service has its compose name as its network alias, so the proxy configuration is used unchanged. The test
 * reaches only the proxy, through random host ports; the servers answer with the public URLs of the demo
 * (issuer {@value #ISSUER}, resource {@value #RESOURCE}).
 */
final class ScaleOutStack implements AutoCloseable {

	static final String ISSUER = "http://localhost:9000";

	static final String RESOURCE = "http://localhost:8001/mcp";

	static final String USERNAME = "alice";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Network network = Network.newNetwork();

	private final Map<String, GenericContainer<?>> replicas = new LinkedHashMap<>();

	private final List<GenericContainer<?>> all = new ArrayList<>();

	private final String password = HexFormat.of().formatHex(randomBytes(12));

	private GenericContainer<?> proxy;

	/**
	 * Builds the images (the application images exactly as {@link ServiceImage}, PostgreSQL and HAProxy from
	 * docker/postgres and docker/haproxy), starts PostgreSQL, then the four replicas in parallel, then the proxy;
	 * returns once the proxy reports every replica up.
	 */
	@SuppressWarnings("resource") // closed by close()
	static ScaleOutStack start(RepositoryLayout layout) {
		ScaleOutStack stack = new ScaleOutStack();
		try {
			stack.startAll(layout);
			return stack;
		}
		catch (RuntimeException ex) {
			String logs = stack.logs();
			stack.close();
			throw new IllegalStateException("the scale-out stack did not start: " + ex.getMessage() + "\n" + logs, ex);
		}
	}

	@SuppressWarnings("resource")
	private void startAll(RepositoryLayout layout) {
		String dbPassword = HexFormat.of().formatHex(randomBytes(16));
		String encryptionKey = Base64.getEncoder().encodeToString(randomBytes(32));
		GenericContainer<?> postgres = new GenericContainer<>(debianImage(layout, "postgres"))
			.withNetwork(this.network)
			.withNetworkAliases("postgres")
			.withEnv("POSTGRES_PASSWORD", dbPassword)
			.waitingFor(Wait.forHealthcheck().withStartupTimeout(START_TIMEOUT));
		this.all.add(postgres);
		postgres.start();

		ImageFromDockerfile authServerImage = ServiceImage.AUTH_SERVER.definition(layout);
		ImageFromDockerfile resourceServerImage = ServiceImage.RESOURCE_SERVER.definition(layout);
		for (int i = 1; i <= 2; i++) {
			String name = "auth-server-" + i;
			GenericContainer<?> authServer = new GenericContainer<>(authServerImage).withNetwork(this.network)
				.withNetworkAliases(name)
				// the default profile: a real login page and consent page, no demo shortcuts
				.withEnv("SPRING_PROFILES_ACTIVE", "default")
				.withEnv("SPRING_SECURITY_USER_NAME", USERNAME)
				.withEnv("SPRING_SECURITY_USER_PASSWORD", this.password)
				.withEnv("MCP_AUTHORIZATIONSERVER_ISSUER", ISSUER)
				.withEnv("MCP_AUTHORIZATIONSERVER_RESOURCES", RESOURCE)
				.withEnv("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/mcpauth")
				.withEnv("SPRING_DATASOURCE_USERNAME", "mcpauth")
				.withEnv("SPRING_DATASOURCE_PASSWORD", dbPassword)
				.withEnv("MCP_AUTHORIZATIONSERVER_KEYS_ENCRYPTIONKEY", encryptionKey)
				.withEnv("SERVER_FORWARDHEADERSSTRATEGY", "native")
				// the per-address buckets are per process and sized for people, not for a test driving hundreds
				// of flows a minute from one address (docs/deployment.md, "What is not shared")
				.withEnv("AUTHSERVER_OPERATIONS_RATELIMIT_ENABLED", "false")
				.waitingFor(Wait.forHealthcheck().withStartupTimeout(START_TIMEOUT));
			this.replicas.put(name, authServer);
		}
		for (int i = 1; i <= 2; i++) {
			String name = "resource-server-" + i;
			GenericContainer<?> resourceServer = new GenericContainer<>(resourceServerImage).withNetwork(this.network)
				.withNetworkAliases(name)
				.withEnv("MCP_RESOURCESERVER_RESOURCE", RESOURCE)
				.withEnv("MCP_RESOURCESERVER_ISSUER", ISSUER)
				.withEnv("MCP_RESOURCESERVER_JWKSETURI", "http://proxy:9000/oauth2/jwks")
				.withEnv("SERVER_FORWARDHEADERSSTRATEGY", "native")
				.waitingFor(Wait.forHealthcheck().withStartupTimeout(START_TIMEOUT));
			this.replicas.put(name, resourceServer);
		}
		this.all.addAll(this.replicas.values());
		// the four replicas start at once: both authorization servers meet an empty database (Flyway's lock, the
		// signing-key lock)
		Startables.deepStart(this.replicas.values()).join();

		this.proxy = new GenericContainer<>(debianImage(layout, "haproxy")).withNetwork(this.network)
			.withNetworkAliases("proxy")
			.withExposedPorts(9000, 8001, 8404)
			.waitingFor(Wait.forHttp("/stats;csv")
				.forPort(8404)
				// every server's health check passed (the wait strategy hands the body over without line breaks)
				.forResponsePredicate((csv) -> csv.split("Layer7 check passed", -1).length - 1 == 4)
				.withStartupTimeout(Duration.ofMinutes(1)));
		this.all.add(this.proxy);
		this.proxy.start();
	}

	/** An image built from docker/{@code name}/Dockerfile with that directory as its context. */
	private static ImageFromDockerfile debianImage(RepositoryLayout layout, String name) {
		ImageFromDockerfile image = new ImageFromDockerfile("mcpauth-it/" + name + ":latest", false);
		Path directory = layout.root().resolve("docker").resolve(name);
		try (Stream<Path> files = Files.list(directory)) {
			files.forEach((file) -> image.withFileFromPath(file.getFileName().toString(), file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String baseImage = System.getenv("DEBIAN_BASE_IMAGE");
		return image.withBuildArg("BASE_IMAGE",
				(baseImage == null || baseImage.isBlank()) ? "debian:bookworm-slim" : baseImage);
	}

	/** The password of {@link #USERNAME}, random per run. */
	String password() {
		return this.password;
	}

	/** The authorization servers' public base URL as the host reaches the proxy (random port). */
	URI authorizationServer() {
		return URI.create("http://" + this.proxy.getHost() + ":" + this.proxy.getMappedPort(9000));
	}

	/** The MCP endpoint as the host reaches the proxy. */
	URI mcpEndpoint() {
		return URI.create("http://" + this.proxy.getHost() + ":" + this.proxy.getMappedPort(8001) + "/mcp");
	}

	/** HAProxy's statistics as CSV (one line per frontend, server and backend). */
	URI statsCsv() {
		return URI.create("http://" + this.proxy.getHost() + ":" + this.proxy.getMappedPort(8404) + "/stats;csv");
	}

	/** {@code docker kill} (SIGKILL): the replica dies mid-request, without a graceful shutdown. */
	void kill(String replica) {
		DockerClient docker = DockerClientFactory.instance().client();
		docker.killContainerCmd(this.replicas.get(replica).getContainerId()).exec();
	}

	String logs() {
		StringBuilder logs = new StringBuilder();
		this.replicas.forEach((name, container) -> logs.append(tail(name, container)));
		if (this.proxy != null) {
			logs.append(tail("proxy", this.proxy));
		}
		return logs.toString();
	}

	private static String tail(String name, GenericContainer<?> container) {
		if (container.getContainerId() == null) {
			return "";
		}
		try {
			List<String> lines = container.getLogs().lines().toList();
			return "--- " + name + " (last 30 lines)\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
		}
		catch (RuntimeException ex) {
			return "--- " + name + ": no logs (" + ex.getMessage() + ")\n";
		}
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	@Override
	public void close() {
		// Ryuk may be disabled (CI): stop explicitly, the proxy first, the database last.
		for (int i = this.all.size() - 1; i >= 0; i--) {
			try {
				this.all.get(i).stop();
			}
			catch (RuntimeException ex) {
				// a killed container is gone already
			}
		}
		this.network.close();
	}

}
