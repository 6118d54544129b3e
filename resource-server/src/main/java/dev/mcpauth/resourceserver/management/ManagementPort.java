package dev.mcpauth.resourceserver.management;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches the requests that arrived on the management server's port, as long as that port differs from the
 * application server's. The ports are taken from each server's {@link WebServerInitializedEvent} (the management
 * context publishes its own to this, its parent) and replaced whenever a server starts again.
 *
 * <p>Why not read the ports once: a server can start again on another port. With {@code management.server.port=0}
 * every start picks a new one, and Spring Framework 7 stops the cached contexts of a test run between the test
 * classes that use them and starts them again; a port read once (the earlier attempt) then pointed at the old
 * management server, and the new one got the MCP chain's 401. Reading {@code local.management.port} from the
 * environment on every request was correct but cost a walk over the property sources, twice per request.
 */
final class ManagementPort implements RequestMatcher, ApplicationListener<WebServerInitializedEvent> {

	static final String NAMESPACE = "management";

	private static final int UNKNOWN = -1;

	private volatile int managementPort = UNKNOWN;

	private volatile int serverPort = UNKNOWN;

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		int port = event.getWebServer().getPort();
		if (NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
			this.managementPort = port;
		}
		else if (event.getApplicationContext().getServerNamespace() == null) {
			this.serverPort = port;
		}
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		int management = this.managementPort;
		return management != UNKNOWN && management != this.serverPort && management == request.getLocalPort();
	}

	@Override
	public String toString() {
		return "management port " + this.managementPort;
	}

}
