package dev.mcpauth.oauth2.server.authorization.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.util.HtmlUtils;

/**
 * The page shown instead of a redirect when the client or its redirect URI cannot be trusted (OAuth 2.1
 * §4.1.2.1: "SHOULD inform the resource owner of the error and MUST NOT automatically redirect"). It states the
 * reason; every value is HTML-escaped.
 */
final class AuthorizationErrorPage {

	private AuthorizationErrorPage() {
	}

	static void render(HttpServletResponse response, OAuth2Error error, String clientId) throws IOException {
		String description = (error.getDescription() != null) ? error.getDescription()
				: "The authorization request is invalid";
		StringBuilder html = new StringBuilder(1024);
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<title>Authorization request rejected</title></head><body>\n")
			.append("<h1>Authorization request rejected</h1>\n")
			.append("<p id=\"error-description\">")
			.append(HtmlUtils.htmlEscape(description))
			.append("</p>\n<p>Error code: <code id=\"error\">")
			.append(HtmlUtils.htmlEscape(error.getErrorCode()))
			.append("</code></p>\n");
		if (clientId != null) {
			html.append("<p>Client: <code id=\"client-id\">").append(HtmlUtils.htmlEscape(clientId)).append("</code></p>\n");
		}
		html.append("<p>You were not sent back to the application because its identity or its redirect URI ")
			.append("could not be verified. Close this window and contact the application's developer.</p>\n")
			.append("</body></html>\n");
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.getOutputStream().write(html.toString().getBytes(StandardCharsets.UTF_8));
	}

}
