package dev.mcpauth.oauth2.server.authorization.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Sends the authorization response (RFC 6749 §4.1.2) and its errors.
 *
 * <ul>
 * <li>Success and redirectable errors go to the verified redirect URI with {@code state} and {@code iss}; RFC 9207
 * §2 puts {@code iss} on error responses too, and the metadata advertises
 * {@code authorization_response_iss_parameter_supported} because of this class (checklist AS-34).</li>
 * <li>An error about the client or the redirect URI is never redirected (OAuth 2.1 §4.1.2.1, checklist AS-06): the
 * user gets an HTML page that names the problem.</li>
 * </ul>
 */
public final class AuthorizationResponseHandler implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	/**
	 * Request attribute with the outcome of the authorization request: {@code approved} or the OAuth error code
	 * (read by the metrics, docs/operations.md).
	 */
	public static final String OUTCOME_ATTRIBUTE = AuthorizationResponseHandler.class.getName() + ".outcome";

	private final String issuer;

	public AuthorizationResponseHandler(String issuer) {
		this.issuer = issuer;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		var result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		request.setAttribute(OUTCOME_ATTRIBUTE, "approved");
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
			.queryParam("code", encode(result.getAuthorizationCode().getTokenValue()));
		redirect(response, uri, result.getState());
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error("invalid_request", "The authorization request could not be processed", null);
		request.setAttribute(OUTCOME_ATTRIBUTE, error.getErrorCode());
		OAuth2AuthorizationCodeRequestAuthenticationToken failed = null;
		if (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeException) {
			failed = codeException.getAuthorizationCodeRequestAuthentication();
		}
		if (failed == null || !StringUtils.hasText(failed.getRedirectUri())) {
			AuthorizationErrorPage.render(response, error, request.getParameter("client_id"));
			return;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(failed.getRedirectUri())
			.queryParam("error", encode(error.getErrorCode()));
		if (StringUtils.hasText(error.getDescription())) {
			uri.queryParam("error_description", encode(error.getDescription()));
		}
		if (StringUtils.hasText(error.getUri())) {
			uri.queryParam("error_uri", encode(error.getUri()));
		}
		redirect(response, uri, failed.getState());
	}

	private void redirect(HttpServletResponse response, UriComponentsBuilder uri, String state) throws IOException {
		if (StringUtils.hasText(state)) {
			uri.queryParam("state", encode(state));
		}
		uri.queryParam("iss", encode(this.issuer));
		response.setHeader("Cache-Control", "no-store");
		// components are encoded one by one above; build(true) keeps the client's redirect URI byte for byte
		response.sendRedirect(uri.build(true).toUriString());
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
