package dev.mcpauth.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of the demo. Ports default to the ones in docs/contracts.md; 0 picks a free port.
 *
 * @param asPort authorization server port
 * @param rsPort resource server (MCP server) port
 * @param clientPort port of the client's CIMD host (0 lets the client take an ephemeral one)
 * @param keepRunning leave the servers running after the client finished, until Ctrl-C
 * @param startupTimeout how long the servers may take to answer their metadata URLs
 * @param clientTimeout how long the client may take for the whole journey
 * @param appsDir where the services' runnable jars are (null: next to the orchestrator's jar)
 * @param logDir where the servers' logs go (null: {@code target/demo-logs} next to the orchestrator's jar)
 * @param clientArguments extra arguments for the client, given after {@code --}
 * @param fastStart use the extracted jars and class data sharing archives the build prepared, when current
 * @param prepare prepare those (extract, training runs) and exit; the build runs this
 * @param tlsDir run everything on https with the local CA and server certificate in this directory (made by
 * scripts/tls-certs.sh; the services' {@code tls} profile), or null for plain http on loopback
 */
public record DemoOptions(int asPort, int rsPort, int clientPort, boolean keepRunning, Duration startupTimeout,
		Duration clientTimeout, Path appsDir, Path logDir, List<String> clientArguments, boolean fastStart,
		boolean prepare, Path tlsDir) {

	static final String USAGE = """
			Usage: java -jar demo-orchestrator.jar [options] [-- client options]
			Runs the MCP authorization journey: auth-server, resource-server and mcp-client.
			  --as-port=N          authorization server port (default 9000; 0 = any free port)
			  --rs-port=N          resource server port (default 8001; 0 = any free port)
			  --client-port=N      port of the client's CIMD document host (default 3000; 0 = any free port)
			  --keep-running       keep the servers running after the journey, until Ctrl-C
			  --startup-timeout=S  seconds the servers may take to start (default 60)
			  --client-timeout=S   seconds the client may take (default 120)
			  --apps-dir=DIR       directory holding the services' -exec.jar files
			  --log-dir=DIR        directory for the servers' log files (default target/demo-logs)
			  --tls[=DIR]          https everywhere (issuer, resource, JWKS, CIMD) with the local CA and server
			                       certificate in DIR (default .tls; demo.sh --tls makes them with scripts/tls-certs.sh)
			  --no-cds             start from the plain jars, not the class data sharing layout the build prepared
			  --prepare            prepare that layout (extracted jars, CDS archives) and exit
			  --help               this text
			Everything after -- is passed to mcp-client (e.g. -- --verbose).""";

	public DemoOptions {
		checkPort("--as-port", asPort);
		checkPort("--rs-port", rsPort);
		checkPort("--client-port", clientPort);
		if (asPort != 0 && asPort == rsPort || asPort != 0 && asPort == clientPort
				|| rsPort != 0 && rsPort == clientPort) {
			throw new IllegalArgumentException("--as-port, --rs-port and --client-port must differ");
		}
		clientArguments = List.copyOf(clientArguments);
	}

	public static DemoOptions defaults() {
		return new DemoOptions(9000, 8001, 3000, false, Duration.ofSeconds(60), Duration.ofSeconds(120), null, null,
				List.of(), true, false, null);
	}

	/**
	 * Parses {@code --name=value} options.
	 * @return the options, or null when {@code --help} was asked for
	 * @throws IllegalArgumentException with a one-line message for an unknown or malformed option
	 */
	public static DemoOptions parse(String... args) {
		DemoOptions o = defaults();
		int asPort = o.asPort, rsPort = o.rsPort, clientPort = o.clientPort;
		boolean keepRunning = false, fastStart = true, prepare = false;
		Duration startupTimeout = o.startupTimeout, clientTimeout = o.clientTimeout;
		Path appsDir = null, logDir = null, tlsDir = null;
		List<String> clientArguments = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--")) {
				clientArguments.addAll(Arrays.asList(args).subList(i + 1, args.length));
				break;
			}
			if (arg.isBlank()) {
				continue; // an empty -Ddemo.args from the Maven profile
			}
			int eq = arg.indexOf('=');
			String name = (eq < 0) ? arg : arg.substring(0, eq);
			String value = (eq < 0) ? null : arg.substring(eq + 1);
			switch (name) {
				case "--help", "-h" -> {
					return null;
				}
				case "--keep-running" -> keepRunning = true;
				case "--no-cds" -> fastStart = false;
				case "--prepare" -> prepare = true;
				case "--as-port" -> asPort = integer(name, value);
				case "--rs-port" -> rsPort = integer(name, value);
				case "--client-port" -> clientPort = integer(name, value);
				case "--startup-timeout" -> startupTimeout = seconds(name, value);
				case "--client-timeout" -> clientTimeout = seconds(name, value);
				case "--apps-dir" -> appsDir = Path.of(required(name, value));
				case "--log-dir" -> logDir = Path.of(required(name, value));
				case "--tls" -> tlsDir = Path.of(value == null ? ".tls" : required(name, value)).toAbsolutePath();
				default -> throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
			}
		}
		return new DemoOptions(asPort, rsPort, clientPort, keepRunning, startupTimeout, clientTimeout, appsDir, logDir,
				clientArguments, fastStart, prepare, tlsDir);
	}

	private static String required(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " needs a value, e.g. " + name + "=...");
		}
		return value;
	}

	private static int integer(String name, String value) {
		try {
			return Integer.parseInt(required(name, value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
		}
	}

	private static Duration seconds(String name, String value) {
		int seconds = integer(name, value);
		if (seconds <= 0) {
			throw new IllegalArgumentException(name + " must be a positive number of seconds");
		}
		return Duration.ofSeconds(seconds);
	}

	private static void checkPort(String name, int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(name + " must be between 0 and 65535, not " + port);
		}
	}

}
