package dev.mcpauth.resourceserver.challenge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A small OAuth-style JSON error body ({@code error}, {@code error_description}) beside the challenge header, so a
 * human or a log reader sees the reason too.
 */
final class ErrorBody {

	private ErrorBody() {
	}

	static void write(HttpServletResponse response, HttpStatus status, String error, String description)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.setHeader("Cache-Control", "no-store");
		response.getWriter()
			.write("{\"error\":" + BearerChallenge.quote(error) + ",\"error_description\":"
					+ BearerChallenge.quote(BearerChallenge.shortened(description)) + "}");
	}

}
