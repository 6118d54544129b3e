package dev.mcpauth.demo;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.mcpauth.demo.process.ChildProcess;
import dev.mcpauth.demo.process.ClassDataSharing;
import dev.mcpauth.demo.process.JavaCommand;
import dev.mcpauth.demo.process.LocalCa;
import dev.mcpauth.demo.process.LocalPorts;
import dev.mcpauth.demo.process.PeakMemory;
import dev.mcpauth.demo.process.ReadinessProbe;
import dev.mcpauth.demo.process.ServiceStartException;

/**
 * One run of the demo: check the ports, start the authorization server and the resource server side by side, wait
 * until both publish their metadata, run the client with its trace on the console, stop everything.
 * Lines of the orchestrator itself start with {@code demo:}; the client's trace is passed through unchanged.
 */
public final class DemoRun {

	/** Exit status for a failure of the orchestrator itself (the client's own status is passed through). */
	public static final int FAILED = 1;

	private final DemoOptions options;

	private final ServiceJars jars;

	private final ClassDataSharing fastStart;

	private final Path logDir;

	private final PrintStream out;

	private final PrintStream err;

	private final List<ChildProcess> children = new CopyOnWriteArrayList<>();

	private final PeakMemory memory = new PeakMemory();

	/** Not the JVM's start: a wrapper script that execs java would add its own build time to the JVM's age. */
	private final long startNanos = System.nanoTime();

	/** Set by the shutdown hook (Ctrl-C, SIGTERM): a child that dies from here on was stopped, it did not fail. */
	private volatile boolean interrupted;

	/** Exit status after Ctrl-C, as shells report a process ended by SIGINT (128 + 2). */
	public static final int INTERRUPTED = 130;

	public DemoRun(DemoOptions options, ServiceJars jars, ClassDataSharing fastStart, Path logDir, PrintStream out,
			PrintStream err) {
		this.options = options;
		this.jars = jars;
		this.fastStart = fastStart;
		this.logDir = logDir.toAbsolutePath().normalize();
		this.out = out;
		this.err = err;
	}

	/** Runs the demo and returns the exit status: the client's, or {@link #FAILED}. Always stops its children. */
	public int run() throws InterruptedException {
		Thread stopOnCtrlC = new Thread(() -> {
			this.interrupted = true;
			this.err.println("demo: interrupted; stopping every process it started");
			stopChildren();
		}, "demo-shutdown");
		Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "demo-memory");
			thread.setDaemon(true);
			return thread;
		});
		try {
			this.memory.watch("orchestrator", ProcessHandle.current().pid());
			sampler.scheduleAtFixedRate(this.memory::sample, 0, 200, TimeUnit.MILLISECONDS);
			return journey();
		}
		catch (UncheckedIOException ex) {
			this.err.println("demo: " + ex.getMessage());
			return FAILED;
		}
		finally {
			sampler.shutdownNow();
			stopChildren();
			try {
				Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
			}
			catch (IllegalStateException ex) {
				// already shutting down (Ctrl-C): the hook is running
			}
		}
	}

	private int journey() throws InterruptedException {
		int asPort = portFor(this.options.asPort());
		int rsPort = portFor(this.options.rsPort());
		int clientPort = this.options.clientPort();
		Map<Integer, String> ports = new LinkedHashMap<>();
		ports.put(asPort, ServiceJars.AUTH_SERVER);
		ports.put(rsPort, ServiceJars.RESOURCE_SERVER);
		if (clientPort != 0) {
			ports.put(clientPort, ServiceJars.MCP_CLIENT + " CIMD host");
		}
		for (Map.Entry<Integer, String> port : ports.entrySet()) {
			if (!LocalPorts.isFree(port.getKey())) {
				this.err.println("demo: port " + port.getKey() + " is busy (" + port.getValue()
						+ "); stop what uses it or choose another port (--help)");
				return FAILED;
			}
		}
		// Configured, never derived from a Host header; each value is handed to every party that must agree on
		// it (issuer: AS metadata, token iss, the RS's trusted issuer; resource: PRM, RFC 8707 resource, token aud).
		Path tlsDir = this.options.tlsDir();
		if (tlsDir != null) {
			try {
				LocalCa.requireComplete(tlsDir);
			}
			catch (IllegalStateException ex) {
				this.err.println("demo: " + ex.getMessage());
				return FAILED;
			}
		}
		String scheme = (tlsDir != null) ? "https" : "http";
		String issuer = scheme + "://localhost:" + asPort;
		String resource = scheme + "://localhost:" + rsPort + "/mcp";

		this.out.println("demo: starting auth-server on port " + asPort + " and resource-server on port " + rsPort
				+ " (logs in " + this.logDir + ")" + (tlsDir != null ? "; TLS with the local CA in " + tlsDir : ""));
		long serversStart = System.nanoTime();
		ChildProcess authServer = startService(ServiceJars.AUTH_SERVER,
				ServiceCommands.authServer(this.jars.authServer(), asPort, issuer, List.of(resource), tlsDir));
		ChildProcess resourceServer = startService(ServiceJars.RESOURCE_SERVER,
				ServiceCommands.resourceServer(this.jars.resourceServer(), rsPort, resource, issuer, tlsDir));
		if (!awaitServers(authServer, resourceServer, issuer, resource)) {
			return this.interrupted ? INTERRUPTED : FAILED;
		}
		this.out.printf(Locale.ROOT, "demo: servers ready after %.1f s; running mcp-client against %s%n%n",
				seconds(System.nanoTime() - serversStart), resource);

		OptionalInt status = runClient(clientPort, resource);
		if (this.interrupted) {
			return INTERRUPTED;
		}
		if (status.isEmpty()) {
			this.err.println("demo: mcp-client did not finish within " + this.options.clientTimeout().toSeconds()
					+ " s; stopped it");
			return FAILED;
		}
		this.out.println();
		this.out.println(summary(status.getAsInt()));
		if (status.getAsInt() == 0 && this.options.keepRunning()) {
			keepRunning(issuer, resource, authServer, resourceServer);
		}
		return status.getAsInt();
	}

	/**
	 * Waits until both servers publish their metadata with the configured URLs; on failure says why, with the end
	 * of the failing server's log.
	 */
	private boolean awaitServers(ChildProcess authServer, ChildProcess resourceServer, String issuer,
			String resource) throws InterruptedException {
		long deadline = System.nanoTime() + this.options.startupTimeout().toNanos();
		ReadinessProbe probe = new ReadinessProbe(
				this.options.tlsDir() != null ? LocalCa.trustContext(this.options.tlsDir()) : null);
		try {
			String asMetadata = probe.awaitOk(authServer, ServiceCommands.authorizationServerMetadata(issuer),
					this.options.startupTimeout());
			Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
			String prm = probe.awaitOk(resourceServer, ServiceCommands.protectedResourceMetadata(resource), left);
			if (hasMember(asMetadata, "issuer", issuer) && hasMember(prm, "resource", resource)) {
				return true;
			}
			this.err.println("demo: the servers answer with other URLs than configured (issuer " + issuer
					+ ", resource " + resource + "); see the logs in " + this.logDir);
		}
		catch (ServiceStartException ex) {
			if (!this.interrupted) {
				this.err.println("demo: " + ex.getMessage() + "; last lines of its log:");
				ex.logTail().forEach(line -> this.err.println("    " + line));
			}
		}
		return false;
	}

	private OptionalInt runClient(int clientPort, String resource) throws InterruptedException {
		JavaCommand command = ServiceCommands.mcpClient(this.jars.mcpClient(), clientPort,
				this.options.clientArguments(), resource, this.options.tlsDir());
		ChildProcess client = ChildProcess.startPiped(ServiceJars.MCP_CLIENT,
				this.fastStart.apply(ServiceJars.MCP_CLIENT, command), this.out::println, this.err::println);
		track(client);
		OptionalInt status = client.awaitExit(this.options.clientTimeout());
		this.memory.sample();
		return status;
	}

	private void keepRunning(String issuer, String resource, ChildProcess... services) throws InterruptedException {
		this.out.println("demo: servers keep running: authorization server " + issuer + ", MCP server " + resource
				+ "; press Ctrl-C to stop them");
		while (!this.interrupted) {
			for (ChildProcess service : services) {
				if (!service.isAlive() && !this.interrupted) {
					this.err.println("demo: " + service.name() + " stopped (status "
							+ service.exitStatus().orElse(-1) + "); see " + service.logFile().orElse(this.logDir));
					return;
				}
			}
			Thread.sleep(500);
		}
	}

	private ChildProcess startService(String name, JavaCommand command) {
		return track(ChildProcess.startLogged(name, this.fastStart.apply(name, command),
				this.logDir.resolve(name + ".log")));
	}

	private ChildProcess track(ChildProcess child) {
		this.children.add(child);
		this.memory.watch(child.name(), child.pid());
		return child;
	}

	/** Stops every child at once (SIGTERM to all, then wait), so the grace periods run in parallel. */
	private void stopChildren() {
		List<CompletableFuture<Void>> stops = this.children.stream()
			.map(child -> CompletableFuture.runAsync(() -> child.stop(ChildProcess.STOP_GRACE)))
			.toList();
		stops.forEach(CompletableFuture::join);
	}

	private String summary(int status) {
		double wall = seconds(System.nanoTime() - this.startNanos);
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "demo: %s in %.1f s",
				(status == 0) ? "finished" : "mcp-client FAILED (exit status " + status + ")", wall));
		Map<String, Long> peaks = this.memory.peaksMib();
		if (!peaks.isEmpty()) {
			line.append("; peak memory ")
				.append(peaks.values().stream().mapToLong(Long::longValue).sum())
				.append(" MiB (")
				.append(peaks.entrySet()
					.stream()
					.map(peak -> peak.getKey() + " " + peak.getValue())
					.collect(Collectors.joining(", ")))
				.append(")");
		}
		return line.append("; server logs in ").append(this.logDir).toString();
	}

	private static int portFor(int requested) {
		return (requested == 0) ? LocalPorts.pickFree() : requested;
	}

	/** True when the JSON text has {@code "name": "value"} (whitespace-tolerant; the value is a plain URL). */
	static boolean hasMember(String json, String name, String value) {
		return Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"" + Pattern.quote(value) + "\"")
			.matcher(json)
			.find();
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

}
