package dev.mcpauth.oauth2.server.resource.challenge;

import java.io.IOException;

import dev.mcpauth.oauth2.server.resource.web.JsonErrorResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

/**
 * A small OAuth-style JSON error body ({@code error}, {@code error_description}) beside the challenge header, so a
 * human or a log reader sees the reason too. The Bearer and the DPoP challenges write it alike.
 */
public final class ErrorBody {

	private ErrorBody() {
	}

	public static void write(HttpServletResponse response, HttpStatus status, String error, String description)
			throws IOException {
		response.setHeader("Cache-Control", "no-store");
		JsonErrorResponse.write(response, status, "{\"error\":" + BearerChallenge.quote(error)
				+ ",\"error_description\":" + BearerChallenge.quote(BearerChallenge.shortened(description)) + "}");
	}

}
