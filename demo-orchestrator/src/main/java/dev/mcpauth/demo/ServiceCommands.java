package dev.mcpauth.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mcpauth.demo.process.JavaCommand;

/**
 * The command lines and well-known URLs of the three services, with the property keys of docs/contracts.md. Each
 * URL is passed explicitly because neither server may derive its issuer or resource from a request's Host header.
 * Both servers listen on loopback only: the demo profile signs every request in as the demo user and lets the
 * authorization server fetch CIMD documents from loopback hosts, which must not be offered to the network.
 */
public final class ServiceCommands {

	private ServiceCommands() {
	}

	static final String LOOPBACK = "--server.address=127.0.0.1";

	/**
	 * Actuator's management port (9080 / 8081 by default) on a free port, so that runs on free application ports
	 * never collide with another run or a demo on the default ports.
	 */
	static final String ANY_MANAGEMENT_PORT = "--management.server.port=0";

	/** The authorization server with the {@code demo} profile (fixed user, automatic consent, http CIMD URLs). */
	public static JavaCommand authServer(Path jar, int port, String issuer, List<String> resources) {
		return authServer(jar, port, issuer, resources, null);
	}

	/**
	 * @param tlsDir with the {@code tls} profile too (https, CIMD and jwks_uri fetches trusting the local CA through
	 * their SSL bundle) using the certificates in this directory; null for plain http
	 */
	public static JavaCommand authServer(Path jar, int port, String issuer, List<String> resources, Path tlsDir) {
		List<String> arguments = new ArrayList<>(List.of(
				"--spring.profiles.active=demo" + (tlsDir != null ? ",tls" : ""), LOOPBACK, "--server.port=" + port,
				"--mcp.authorization-server.issuer=" + issuer,
				"--mcp.authorization-server.resources=" + String.join(",", resources), ANY_MANAGEMENT_PORT));
		arguments.addAll(tls(tlsDir, false));
		return JavaCommand.fastStart(jar, arguments);
	}

	public static JavaCommand resourceServer(Path jar, int port, String resource, String issuer) {
		return resourceServer(jar, port, resource, issuer, null);
	}

	public static JavaCommand resourceServer(Path jar, int port, String resource, String issuer, Path tlsDir) {
		List<String> arguments = new ArrayList<>(List.of(LOOPBACK, "--server.port=" + port,
				"--mcp.resource-server.resource=" + resource, "--mcp.resource-server.issuer=" + issuer,
				ANY_MANAGEMENT_PORT));
		arguments.addAll(tls(tlsDir, true));
		return JavaCommand.fastStart(jar, arguments);
	}

	/** The client, hosting its CIMD document on {@code cimdPort} (0: an ephemeral port), run against the resource. */
	public static JavaCommand mcpClient(Path jar, int cimdPort, List<String> extraArguments, String resource) {
		return mcpClient(jar, cimdPort, extraArguments, resource, null);
	}

	/** As above; with {@code tlsDir} the client trusts the local CA and serves its CIMD document over https. */
	public static JavaCommand mcpClient(Path jar, int cimdPort, List<String> extraArguments, String resource,
			Path tlsDir) {
		List<String> arguments = new ArrayList<>(tls(tlsDir, true));
		arguments.add("--mcp-client.cimd.port=" + cimdPort);
		arguments.addAll(extraArguments);
		arguments.add(resource);
		return JavaCommand.fastStart(jar, arguments);
	}

	/** The {@code tls} profile and where its certificate files are ({@code MCP_TLS_DIR} in the profiles' yml). */
	private static List<String> tls(Path tlsDir, boolean activateProfile) {
		if (tlsDir == null) {
			return List.of();
		}
		List<String> arguments = new ArrayList<>();
		if (activateProfile) {
			arguments.add("--spring.profiles.active=tls");
		}
		arguments.add("--MCP_TLS_DIR=" + tlsDir.toAbsolutePath());
		return arguments;
	}

	/** RFC 8414 section 3.1: the well-known path is inserted before the issuer's path (empty here). */
	public static URI authorizationServerMetadata(String issuer) {
		URI uri = URI.create(issuer);
		return uri.resolve("/.well-known/oauth-authorization-server" + uri.getRawPath());
	}

	/** RFC 9728 section 3.1: the well-known path is inserted between the resource's host and its path. */
	public static URI protectedResourceMetadata(String resource) {
		URI uri = URI.create(resource);
		return uri.resolve("/.well-known/oauth-protected-resource" + uri.getRawPath());
	}

}
