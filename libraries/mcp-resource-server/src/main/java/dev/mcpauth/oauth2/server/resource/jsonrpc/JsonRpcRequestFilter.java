package dev.mcpauth.oauth2.server.resource.jsonrpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import dev.mcpauth.oauth2.server.resource.web.JsonErrorResponse;
import dev.mcpauth.oauth2.server.resource.web.RequestDispatchFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Buffers and parses the JSON-RPC body of an authenticated {@code POST} to the MCP endpoint, for the per-tool scope
 * check that follows. Unauthenticated requests are not read at all: they are refused with a 401 before any body
 * matters. A body over the configured cap gets 413; a body that is not well-formed JSON-RPC gets a 400 carrying a
 * JSON-RPC error object, as the transport itself would answer.
 */
public final class JsonRpcRequestFilter extends RequestDispatchFilter {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final RequestMatcher mcpEndpoint;

	private final long maxBytes;

	public JsonRpcRequestFilter(RequestMatcher mcpEndpoint, long maxBytes) {
		this.mcpEndpoint = mcpEndpoint;
		this.maxBytes = maxBytes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !HttpMethod.POST.matches(request.getMethod()) || !this.mcpEndpoint.matches(request)
				|| !this.trustResolver.isAuthenticated(SecurityContextHolder.getContext().getAuthentication());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		byte[] body = (length > this.maxBytes) ? null : readAtMost(request.getInputStream(), length);
		if (body == null) {
			JsonErrorResponse.writeJsonRpcError(response, HttpStatus.CONTENT_TOO_LARGE,
					MalformedJsonRpcException.INVALID_REQUEST, "Request body too large");
			return;
		}
		JsonRpcBody parsed;
		try {
			parsed = JsonRpcBody.parse(body);
		}
		catch (MalformedJsonRpcException ex) {
			// The messages are fixed texts of MalformedJsonRpcException: nothing from the request is echoed.
			JsonErrorResponse.writeJsonRpcError(response, HttpStatus.BAD_REQUEST, ex.code(), ex.getMessage());
			return;
		}
		HttpServletRequest replay = new CachedBodyRequest(request, body);
		parsed.attachTo(replay);
		chain.doFilter(replay, parsed.onlyResponses() ? new UnacceptedResponseIsBadRequest(response) : response);
	}

	/**
	 * A response posted by the client is accepted (202) or not: the transport answers 500 when its id matches no
	 * request of this server, which is the client's mistake. The 2025-11-25 transport asks for an error status such
	 * as 400 there; accepting a response involves nothing else that could fail on the server's side.
	 */
	private static final class UnacceptedResponseIsBadRequest extends HttpServletResponseWrapper {

		UnacceptedResponseIsBadRequest(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setStatus(int status) {
			super.setStatus(status >= 500 ? HttpStatus.BAD_REQUEST.value() : status);
		}

	}

	/**
	 * Reads the whole body, or returns {@code null} as soon as it exceeds the cap. With a {@code Content-Length} (at
	 * most the cap) the body is read into an array of that size: the container delivers no more bytes than the
	 * header announced, and a shorter body (the client hung up) is kept as read, so that it fails the parse.
	 * Without one (chunked), up to one byte past the cap is read.
	 */
	private byte[] readAtMost(InputStream in, long contentLength) throws IOException {
		if (contentLength >= 0 && contentLength <= Integer.MAX_VALUE - 8) {
			byte[] body = new byte[(int) contentLength];
			int read = in.readNBytes(body, 0, body.length);
			return (read == body.length) ? body : Arrays.copyOf(body, read);
		}
		byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1));
		return body.length > this.maxBytes ? null : body;
	}

}
