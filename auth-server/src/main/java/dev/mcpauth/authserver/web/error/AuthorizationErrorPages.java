package dev.mcpauth.authserver.web.error;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.mcpauth.oauth2.server.authorization.web.AuthorizationResponseHandler;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.HtmlUtils;

/**
 * The authorization endpoint's error page in the look of the other pages. An error that has no verified redirect
 * URI to go to (unknown {@code client_id}, a CIMD document that cannot be fetched or is invalid, an unregistered
 * {@code redirect_uri}) is shown here and never redirected (OAuth 2.1 §4.1.2.1: "SHOULD inform the resource owner
 * of the error and MUST NOT automatically redirect"; CIMD-00 §4.3). Every other error goes to the library's
 * handler, which redirects it with {@code state} and {@code iss} or shows its own plain page: whichever of the two
 * answers, nothing untrusted is ever redirected to.
 */
public final class AuthorizationErrorPages implements AuthenticationFailureHandler {

	private final AuthenticationFailureHandler library;

	private final String productName;

	/**
	 * @param library the mcp-authorization-server library's error response handler
	 * @param productName shown in the page header
	 */
	public AuthorizationErrorPages(AuthenticationFailureHandler library, String productName) {
		this.library = library;
		this.productName = productName;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		OAuth2AuthorizationCodeRequestAuthenticationToken failed = null;
		if (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeException) {
			failed = codeException.getAuthorizationCodeRequestAuthentication();
		}
		if (failed == null || !StringUtils.hasText(failed.getRedirectUri())) {
			OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
					: new OAuth2Error("invalid_request", "The authorization request could not be processed", null);
			// the outcome for the metrics, as the library's handler records it (docs/operations.md)
			request.setAttribute(AuthorizationResponseHandler.OUTCOME_ATTRIBUTE, error.getErrorCode());
			render(response, error, request.getParameter("client_id"));
			return;
		}
		this.library.onAuthenticationFailure(request, response, exception);
	}

	private void render(HttpServletResponse response, OAuth2Error error, String clientId) throws IOException {
		String description = (error.getDescription() != null) ? error.getDescription()
				: "The authorization request is invalid";
		StringBuilder html = new StringBuilder(2048);
		// the markup of templates/page-error.html; the stylesheet is the only resource it loads
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.append("<title>Authorization request rejected · ").append(escape(this.productName)).append("</title>")
			.append("<link rel=\"stylesheet\" href=\"/ui/app.css\"></head><body>\n")
			.append("<header class=\"site-header\"><div class=\"site-header__inner\">")
			.append("<svg class=\"mark\" width=\"28\" height=\"28\" viewBox=\"0 0 28 28\" aria-hidden=\"true\">")
			.append("<rect x=\"1\" y=\"1\" width=\"26\" height=\"26\" rx=\"7\" fill=\"#1d4ed8\"/>")
			.append("<path d=\"M8 19V9l6 6 6-6v10\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"2.4\" ")
			.append("stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>")
			.append("<span class=\"product\">").append(escape(this.productName)).append("</span></div></header>\n")
			.append("<main class=\"page\" id=\"main\"><section class=\"card card--narrow\" ")
			.append("aria-labelledby=\"error-title\">\n")
			.append("<h1 id=\"error-title\">Authorization request rejected</h1>\n")
			.append("<div class=\"notice notice--danger\" role=\"alert\"><p id=\"error-description\">")
			.append(escape(description))
			.append("</p></div>\n<p class=\"fact__detail\">Error code: <code id=\"error\">")
			.append(escape(error.getErrorCode()))
			.append("</code></p>\n");
		if (clientId != null) {
			html.append("<p class=\"fact__detail\">Client: <code id=\"client-id\">")
				.append(escape(clientId))
				.append("</code></p>\n");
		}
		html.append("<p>You were not sent back to the application because its identity or its redirect URI ")
			.append("could not be verified. Close this window and contact the application's developer.</p>\n")
			.append("</section></main>\n<footer class=\"site-footer\"><p>This page is served by the authorization ")
			.append("server itself. It never loads anything from elsewhere.</p></footer></body></html>\n");
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.getOutputStream().write(html.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static String escape(String value) {
		return HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
	}

}
