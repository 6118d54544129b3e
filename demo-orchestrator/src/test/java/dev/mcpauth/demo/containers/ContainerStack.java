package dev.mcpauth.demo.containers;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The docker-compose.yml topology, in Testcontainers: the auth-server container (demo profile) owns the network
 * namespace, and the resource-server and client containers join it ({@code --network container:<id>}), so
 * {@code http://localhost:9000} and {@code http://localhost:8001/mcp} are the same servers inside every container.
 * The test reaches them through random host ports published on the auth-server container; the servers still
 * answer with their configured URLs, which is what the metadata checks verify.
 */
final class ContainerStack implements AutoCloseable {

	static final String ISSUER = "http://localhost:9000";

	static final String RESOURCE = "http://localhost:8001/mcp";

	private static final int AS_PORT = 9000;

	private static final int RS_PORT = 8001;

	private static final Duration SERVER_START_TIMEOUT = Duration.ofMinutes(3);

	private final GenericContainer<?> authServer;

	private final GenericContainer<?> resourceServer;

	private final ImageFromDockerfile clientImage;

	private ContainerStack(GenericContainer<?> authServer, GenericContainer<?> resourceServer,
			ImageFromDockerfile clientImage) {
		this.authServer = authServer;
		this.resourceServer = resourceServer;
		this.clientImage = clientImage;
	}

	/**
	 * Builds the three images from their Dockerfiles and starts both servers; returns once both report healthy
	 * through their Dockerfile's HEALTHCHECK (the same condition docker-compose.yml waits for).
	 */
	@SuppressWarnings("resource") // closed by close()
	static ContainerStack start(RepositoryLayout layout) {
		GenericContainer<?> authServer = new GenericContainer<>(ServiceImage.AUTH_SERVER.definition(layout))
			.withEnv("SPRING_PROFILES_ACTIVE", "demo")
			.withExposedPorts(AS_PORT, RS_PORT)
			.waitingFor(Wait.forHealthcheck().withStartupTimeout(SERVER_START_TIMEOUT));
		GenericContainer<?> resourceServer = new GenericContainer<>(ServiceImage.RESOURCE_SERVER.definition(layout))
			.waitingFor(Wait.forHealthcheck().withStartupTimeout(SERVER_START_TIMEOUT));
		ContainerStack stack = new ContainerStack(authServer, resourceServer,
				ServiceImage.MCP_CLIENT.definition(layout));
		try {
			authServer.start();
			resourceServer.withNetworkMode("container:" + authServer.getContainerId()).start();
			return stack;
		}
		catch (RuntimeException ex) {
			String logs = stack.serverLogs();
			stack.close();
			throw new IllegalStateException("the server containers did not become healthy: " + ex.getMessage()
					+ "\n" + logs, ex);
		}
	}

	/** A URL of the authorization server as the host reaches it (published random port). */
	URI authServerFromHost(String path) {
		return URI.create("http://" + this.authServer.getHost() + ":" + this.authServer.getMappedPort(AS_PORT) + path);
	}

	/** A URL of the resource server as the host reaches it (published on the namespace owner). */
	URI resourceServerFromHost(String path) {
		return URI.create("http://" + this.authServer.getHost() + ":" + this.authServer.getMappedPort(RS_PORT) + path);
	}

	/**
	 * Runs the client image to completion inside the shared namespace, as the compose service {@code client}
	 * does, and returns its exit code and output.
	 */
	ClientRun runClient(Duration timeout, String... args) {
		try (GenericContainer<?> client = new GenericContainer<>(this.clientImage)) {
			client.withNetworkMode("container:" + this.authServer.getContainerId())
				.withCommand(args)
				// The client is a one-shot process: "started" is enough, its exit is awaited below.
				.withStartupCheckStrategy(new StartedIsEnough());
			client.start();
			DockerClient docker = DockerClientFactory.instance().client();
			Integer exitCode = docker.waitContainerCmd(client.getContainerId())
				.start()
				.awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return new ClientRun(exitCode, client.getLogs(OutputType.STDOUT).lines().toList(),
					client.getLogs(OutputType.STDERR));
		}
	}

	/** Docker's view of a server container after the client ran: running and healthy, as compose leaves it. */
	List<String> serverStates() {
		return List.of(state(this.authServer), state(this.resourceServer));
	}

	private static String state(GenericContainer<?> container) {
		InspectContainerResponse.ContainerState state = container.getCurrentContainerInfo().getState();
		return state.getStatus() + "/" + state.getHealth().getStatus();
	}

	/** The last lines of both servers' logs, for failure messages. */
	String serverLogs() {
		return tail("auth-server", this.authServer) + tail("resource-server", this.resourceServer);
	}

	private static String tail(String name, GenericContainer<?> container) {
		if (container.getContainerId() == null) {
			return "";
		}
		List<String> lines = container.getLogs().lines().toList();
		return "--- " + name + " (last 40 lines)\n"
				+ String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
	}

	@Override
	public void close() {
		// Ryuk may be disabled (CI): stop explicitly, dependants first.
		this.resourceServer.stop();
		this.authServer.stop();
	}

	private static final class StartedIsEnough extends StartupCheckStrategy {

		@Override
		public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
			return StartupStatus.SUCCESSFUL;
		}

	}

}
