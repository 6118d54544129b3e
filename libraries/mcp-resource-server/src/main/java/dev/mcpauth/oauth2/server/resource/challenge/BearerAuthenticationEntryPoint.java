package dev.mcpauth.oauth2.server.resource.challenge;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers requests without a usable token (checklist RS-03, RS-04, RS-05, RS-08, RS-13).
 *
 * <p>Spring Security's own entry point omits {@code resource_metadata} and {@code scope}; this one always sends
 * them. No token: 401 without an error code. Refused token: 401 {@code invalid_token}. Malformed
 * {@code Authorization} header: 400 {@code invalid_request}.
 */
public class BearerAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerChallenge challenge;

	public BearerAuthenticationEntryPoint(BearerChallenge challenge) {
		this.challenge = challenge;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (!(exception instanceof OAuth2AuthenticationException oauth2)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, this.challenge.missingToken());
			ErrorBody.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "A bearer access token is required");
			return;
		}
		OAuth2Error error = oauth2.getError();
		HttpStatus status = HttpStatus.UNAUTHORIZED;
		String code = OAuth2ErrorCodes.INVALID_TOKEN;
		if (error instanceof BearerTokenError bearer && bearer.getHttpStatus() == HttpStatus.BAD_REQUEST) {
			status = HttpStatus.BAD_REQUEST;
			code = OAuth2ErrorCodes.INVALID_REQUEST;
		}
		String description = error.getDescription() != null ? error.getDescription() : "The access token was refused";
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, this.challenge.error(code, description));
		ErrorBody.write(response, status, code, description);
	}

}
