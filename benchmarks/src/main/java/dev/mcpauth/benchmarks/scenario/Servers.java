package dev.mcpauth.benchmarks.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mcpauth.benchmarks.http.HttpConnection;
import dev.mcpauth.benchmarks.mcp.McpEndpoint;
import dev.mcpauth.demo.ServiceCommands;
import dev.mcpauth.demo.ServiceJars;
import dev.mcpauth.demo.process.ChildProcess;
import dev.mcpauth.demo.process.JavaCommand;
import dev.mcpauth.demo.process.LocalPorts;
import dev.mcpauth.demo.process.ReadinessProbe;
import dev.mcpauth.demo.process.ServiceStartException;

/**
 * Starts the real applications from their runnable jars on 127.0.0.1, with the demo orchestrator's command lines
 * (same properties, same loopback binding) but the benchmark's JVM options instead of its fast-start ones, and
 * stops them all at the end. Every server gets a free port, so a run never collides with a demo on the defaults.
 */
public final class Servers implements AutoCloseable {

	/** The directory of the production start layout under {@link ProductionStart}'s cache root. */
	private static final String PRODUCTION_LAYOUT = "auth-server";

	private final ServiceJars jars;

	private final List<String> jvmOptions;

	private final Path logDir;

	private final Path jfrDir;

	private final Duration startupTimeout;

	private final List<ChildProcess> started = new ArrayList<>();

	private final Map<String, Instant> readyAt = new LinkedHashMap<>();

	private final Map<String, Duration> startup = new LinkedHashMap<>();

	/**
	 * @param jars where the {@code -exec.jar} files are
	 * @param jvmOptions options for every server JVM (identical for the servers that are compared)
	 * @param logDir one log file per server
	 * @param jfrDir when not {@code null}, each server records a JFR profile there (dumped when it stops)
	 * @param startupTimeout how long a server may take to answer its metadata URL
	 */
	public Servers(ServiceJars jars, List<String> jvmOptions, Path logDir, Path jfrDir, Duration startupTimeout) {
		this.jars = jars;
		this.jvmOptions = List.copyOf(jvmOptions);
		this.logDir = logDir;
		this.jfrDir = jfrDir;
		this.startupTimeout = startupTimeout;
	}

	/** The authorization server in its demo profile, issuing tokens for the resources given. */
	public RunningServer authorizationServer(String name, List<String> resources, List<String> extraArguments)
			throws ServiceStartException, InterruptedException {
		int port = LocalPorts.pickFree();
		String issuer = "http://localhost:" + port;
		JavaCommand demo = ServiceCommands.authServer(this.jars.authServer(), port, issuer, resources);
		return start(name, port, issuer, demo, this.jvmOptions, extraArguments,
				ServiceCommands.authorizationServerMetadata(issuer));
	}

	/**
	 * The authorization server as {@link #authorizationServer} starts it, but with the production start
	 * configuration instead of the benchmark's JVM options: the class data sharing layout is prepared first (a
	 * training run, skipped when the layout matches the jar; outside the start-up clock), then the server starts from
	 * it with {@link ProductionStart#JVM_OPTIONS}.
	 * @throws IOException when the layout cannot be prepared (the row would not measure what it says)
	 */
	public RunningServer productionAuthorizationServer(String name, List<String> resources,
			List<String> extraArguments, ProductionStart production)
			throws ServiceStartException, InterruptedException, IOException {
		int port = LocalPorts.pickFree();
		String issuer = "http://localhost:" + port;
		// port 0: the training run binds its ports before it exits
		JavaCommand training = production(ServiceCommands.authServer(this.jars.authServer(), 0, issuer, resources),
				extraArguments, production);
		String prepared = production.layout().prepare(PRODUCTION_LAYOUT, training);
		JavaCommand plain = production(ServiceCommands.authServer(this.jars.authServer(), port, issuer, resources),
				extraArguments, production);
		JavaCommand command = production.layout().apply(PRODUCTION_LAYOUT, plain);
		if (command.equals(plain)) {
			throw new IOException("the class data sharing layout is not usable (" + prepared + ")");
		}
		return start(name, port, issuer, command, command.jvmOptions(), List.of(),
				ServiceCommands.authorizationServerMetadata(issuer));
	}

	private static JavaCommand production(JavaCommand demo, List<String> extraArguments, ProductionStart production) {
		List<String> arguments = new ArrayList<>(demo.arguments());
		arguments.addAll(production.databaseArguments());
		arguments.addAll(extraArguments);
		return new JavaCommand(demo.jar(), ProductionStart.JVM_OPTIONS, arguments);
	}

	/**
	 * The MCP server on {@code port} (chosen beforehand: the authorization server must know the resource first),
	 * trusting {@code issuer}. Ready when its protected resource metadata answers 200.
	 */
	public RunningServer resourceServer(String name, int port, String issuer)
			throws ServiceStartException, InterruptedException {
		String resource = resourceFor(port);
		JavaCommand command = ServiceCommands.resourceServer(this.jars.resourceServer(), port, resource, issuer);
		return start(name, port, resource, command, this.jvmOptions, List.of(),
				ServiceCommands.protectedResourceMetadata(resource));
	}

	/**
	 * The same MCP server with its security filter chain switched off by {@code switchOff}. The protected resource
	 * metadata is served inside that chain, so readiness is a tokenless {@code initialize} answered 200 instead.
	 */
	public RunningServer unsecuredResourceServer(String name, int port, String issuer, String switchOff)
			throws ServiceStartException, InterruptedException {
		String resource = resourceFor(port);
		JavaCommand command = ServiceCommands.resourceServer(this.jars.resourceServer(), port, resource, issuer);
		ChildProcess child = launch(name, command, this.jvmOptions, List.of(switchOff));
		long deadline = System.nanoTime() + this.startupTimeout.toNanos();
		String last = "no answer";
		while (System.nanoTime() < deadline) {
			if (!child.isAlive()) {
				throw new ServiceStartException(name + " exited before it was ready", child.tail(25));
			}
			try (HttpConnection connection = HttpConnection.localhost(port)) {
				new McpEndpoint("/mcp", null).initialize(connection);
				this.readyAt.put(name, Instant.now());
				return new RunningServer(name, port, resource, child);
			}
			catch (IOException | UncheckedIOException ex) {
				last = ex.getMessage();
			}
			Thread.sleep(100);
		}
		throw new ServiceStartException(name + " did not open an MCP session without a token within "
				+ this.startupTimeout.toSeconds() + " s (last: " + last + ")", child.tail(25));
	}

	/** The canonical resource URI of an MCP server on {@code port}. */
	public static String resourceFor(int port) {
		return "http://localhost:" + port + "/mcp";
	}

	private RunningServer start(String name, int port, String url, JavaCommand base, List<String> jvmOptions,
			List<String> extraArguments, URI readiness) throws ServiceStartException, InterruptedException {
		long begin = System.nanoTime();
		ChildProcess child = launch(name, base, jvmOptions, extraArguments);
		new ReadinessProbe().awaitOk(child, readiness, this.startupTimeout);
		this.startup.put(name, Duration.ofNanos(System.nanoTime() - begin));
		this.readyAt.put(name, Instant.now());
		return new RunningServer(name, port, url, child);
	}

	private ChildProcess launch(String name, JavaCommand base, List<String> jvmOptions, List<String> extraArguments) {
		List<String> options = new ArrayList<>(jvmOptions);
		if (this.jfrDir != null) {
			options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
					+ this.jfrDir.resolve(name + ".jfr").toAbsolutePath());
		}
		List<String> arguments = new ArrayList<>(base.arguments());
		arguments.addAll(extraArguments);
		ChildProcess child = ChildProcess.startLogged(name, new JavaCommand(base.jar(), options, arguments),
				this.logDir.resolve(name + ".log"));
		this.started.add(child);
		return child;
	}

	/** Records when a server started elsewhere (Keycloak) was ready, for its profile. */
	public void recordReady(String name, Instant at) {
		this.readyAt.put(name, at);
	}

	/** When each server started so far answered as ready, by name (profiles leave out what came before). */
	public Map<String, Instant> readyTimes() {
		return Map.copyOf(this.readyAt);
	}

	/**
	 * From the launch of each server started with a metadata readiness check to its first 200 (the probe polls,
	 * so this is at most one poll interval late), by name.
	 */
	public Map<String, Duration> startupTimes() {
		return Map.copyOf(this.startup);
	}

	/** Stops one server now (its JFR recording, if any, is written as it exits). */
	public void stop(RunningServer server) {
		server.process().stop(ChildProcess.STOP_GRACE);
		this.started.remove(server.process());
	}

	@Override
	public void close() {
		this.started.forEach((child) -> child.stop(ChildProcess.STOP_GRACE));
		this.started.clear();
	}

	/**
	 * A server that answered its metadata URL.
	 * @param name the log file's and profile's name
	 * @param port its port on 127.0.0.1
	 * @param url its issuer (authorization server) or canonical resource URI (MCP server)
	 * @param process the child process
	 */
	public record RunningServer(String name, int port, String url, ChildProcess process) {

		public long pid() {
			return this.process.pid();
		}

	}

}
