package dev.mcpauth.oauth2.server.resource.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The async dispatch of an MCP request that the MCP chain has already authorized: the dispatch by which the servlet
 * container finishes a streamed (SSE) answer. Spring Security need not run its chain on it a second time.
 *
 * <p>Why that is safe:
 * <ul>
 * <li>only the container makes an {@link DispatcherType#ASYNC} dispatch, for {@code AsyncContext.dispatch()}, and
 * only for a request that started async processing. That happens in the servlet (Spring MVC), which a request
 * reaches only through the whole chain. A request refused with 401, 403, 400 or 404 never reaches the servlet, so
 * it has no async dispatch;</li>
 * <li>the request must also carry {@link UnprotectedEndpointGuard#PROTECTED}, a request attribute (which no client
 * can set) written by the MCP chain's last filter, after authorization passed. The async dispatch of any other
 * request, on any path, still passes its chain;</li>
 * <li>the authorization decision was made on the same request (same token, same JSON-RPC body); nothing in it can
 * change between the two dispatches. The security context (a request attribute) and the response headers of the
 * first dispatch stay with the request, and the firewall still checks the dispatch.</li>
 * </ul>
 */
public final class AuthorizedAsyncDispatch implements RequestMatcher {

	@Override
	public boolean matches(HttpServletRequest request) {
		return request.getDispatcherType() == DispatcherType.ASYNC
				&& Boolean.TRUE.equals(request.getAttribute(UnprotectedEndpointGuard.PROTECTED));
	}

	@Override
	public String toString() {
		return "the async dispatch of an MCP request the MCP chain already authorized";
	}

}
