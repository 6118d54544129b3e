package dev.mcpauth.oauth2.server.resource.session;

import java.io.IOException;

import dev.mcpauth.oauth2.server.resource.web.JsonErrorResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.mcpauth.oauth2.server.resource.web.RequestDispatchFilter;
import dev.mcpauth.oauth2.server.resource.web.UnprotectedEndpointGuard;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Runs after authorization on the MCP endpoint (so every request here already carries a valid token, RS-11) and
 * ties {@code Mcp-Session-Id} to the caller:
 * <ul>
 * <li>the session id the transport assigns on {@code initialize} is bound to the caller as the response header is
 * set, before the client can learn it;</li>
 * <li>a request naming a session of another caller, or an unknown one, gets 404 as if the session did not exist,
 * which reveals nothing about other callers' sessions and makes an honest client re-initialize.</li>
 * </ul>
 */
public final class SessionBindingFilter extends RequestDispatchFilter {

	/** MCP Streamable HTTP session header (2025-11-25 transports, "Session Management"). */
	public static final String MCP_SESSION_ID = "Mcp-Session-Id";

	private final RequestMatcher mcpEndpoint;

	private final SessionBindings bindings;

	public SessionBindingFilter(RequestMatcher mcpEndpoint, SessionBindings bindings) {
		this.mcpEndpoint = mcpEndpoint;
		this.bindings = bindings;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.mcpEndpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) {
			throw new IllegalStateException("SessionBindingFilter must run after authorization");
		}
		request.setAttribute(UnprotectedEndpointGuard.PROTECTED, Boolean.TRUE);
		SessionOwner caller = SessionOwner.of(authentication);
		String sessionId = request.getHeader(MCP_SESSION_ID);
		if (sessionId == null) {
			chain.doFilter(request, new BindingResponse(response, caller));
			return;
		}
		if (!this.bindings.isOwnedBy(sessionId, caller)) {
			// -32600 Invalid Request, as the transport answers for a session it does not know.
			JsonErrorResponse.writeJsonRpcError(response, HttpStatus.NOT_FOUND, -32600, "Session not found");
			return;
		}
		chain.doFilter(request, response);
		if (HttpMethod.DELETE.matches(request.getMethod()) && response.getStatus() < 300) {
			this.bindings.unbind(sessionId);
		}
	}

	/** Binds the session id at the moment the transport sets it, i.e. before any byte reaches the client. */
	private final class BindingResponse extends HttpServletResponseWrapper {

		private final SessionOwner caller;

		BindingResponse(HttpServletResponse response, SessionOwner caller) {
			super(response);
			this.caller = caller;
		}

		@Override
		public void setHeader(String name, String value) {
			bindIfSessionHeader(name, value);
			super.setHeader(name, value);
		}

		@Override
		public void addHeader(String name, String value) {
			bindIfSessionHeader(name, value);
			super.addHeader(name, value);
		}

		private void bindIfSessionHeader(String name, String value) {
			if (MCP_SESSION_ID.equalsIgnoreCase(name) && value != null) {
				SessionBindingFilter.this.bindings.bind(value, this.caller);
			}
		}

	}

}
