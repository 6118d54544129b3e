package dev.mcpauth.oauth2.server.resource.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fails closed when the MCP endpoint is reached without the MCP rules. Spring Boot backs its default chain off as
 * soon as an application declares any {@code SecurityFilterChain} (an Actuator chain, say); if none of the
 * application's chains applies {@code mcpResourceServer()} to the MCP endpoint, requests would reach the tools
 * unauthenticated. This servlet filter runs after Spring Security's and refuses every such request with a JSON-RPC
 * internal error, logging once how to fix the configuration. A request that passed the MCP chain carries
 * {@link #PROTECTED} (set by the chain's last filter, after authorization).
 */
public final class UnprotectedEndpointGuard extends OncePerRequestFilter {

	/** Request attribute set by the MCP chain once a request to the endpoint has been authorized. */
	public static final String PROTECTED = UnprotectedEndpointGuard.class.getName() + ".PROTECTED";

	private static final Log logger = LogFactory.getLog(UnprotectedEndpointGuard.class);

	private final String endpointPath;

	private final AtomicBoolean reported = new AtomicBoolean();

	public UnprotectedEndpointGuard(String endpointPath) {
		this.endpointPath = endpointPath;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !path.equals(this.endpointPath);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(PROTECTED) != null) {
			chain.doFilter(request, response);
			return;
		}
		if (this.reported.compareAndSet(false, true)) {
			logger.error("The MCP endpoint " + this.endpointPath + " was reached without the MCP security rules: "
					+ "no SecurityFilterChain applies mcpResourceServer() to it. Add "
					+ "http.with(McpResourceServerConfigurer.mcpResourceServer(), ...) to the chain that matches it, "
					+ "or declare no SecurityFilterChain to get the default one. Refusing every such request.");
		}
		JsonErrorResponse.writeJsonRpcError(response, HttpStatus.INTERNAL_SERVER_ERROR, -32603,
				"Server security is not configured");
	}

}
