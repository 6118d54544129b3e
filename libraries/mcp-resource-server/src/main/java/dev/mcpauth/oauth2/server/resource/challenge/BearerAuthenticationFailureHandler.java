package dev.mcpauth.oauth2.server.resource.challenge;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Tells a refused token apart from a failure to judge it. A token that fails validation goes to the bearer entry
 * point (401 {@code invalid_token}). When the signing keys cannot be fetched (authorization server unreachable),
 * Spring Security's default rethrows, which ends as a 500; the token is not at fault, so this answers
 * 503 with {@code Retry-After} instead, and no challenge that would send the client back to re-authorize.
 */
public class BearerAuthenticationFailureHandler implements AuthenticationFailureHandler {

	private final BearerAuthenticationEntryPoint entryPoint;

	public BearerAuthenticationFailureHandler(BearerAuthenticationEntryPoint entryPoint) {
		this.entryPoint = entryPoint;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof AuthenticationServiceException) {
			response.setHeader("Retry-After", "5");
			ErrorBody.write(response, HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
					"The access token cannot be validated right now");
			return;
		}
		this.entryPoint.commence(request, response, exception);
	}

}
