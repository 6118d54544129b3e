package dev.mcpauth.oauth2.server.resource.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes the small JSON error bodies the filters answer with before any controller runs: OAuth-style
 * {@code {"error":…}} bodies and JSON-RPC 2.0 error responses (section 5.1) without an {@code id}, the form the
 * Streamable HTTP transport allows in an HTTP error body. Callers pass fixed texts only: nothing from the request is
 * echoed, so no escaping is needed.
 */
public final class JsonErrorResponse {

	private JsonErrorResponse() {
	}

	public static void write(HttpServletResponse response, HttpStatus status, String json) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter().write(json);
	}

	public static void writeJsonRpcError(HttpServletResponse response, HttpStatus status, int code, String message)
			throws IOException {
		write(response, status,
				"{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}");
	}

}
