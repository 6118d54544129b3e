package dev.mcpauth.oauth2.server.authorization.client;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Failed client authentication at the token endpoint, as Spring answers it (401 for {@code invalid_client}, else
 * 400; the error code only, no description) plus what Spring leaves as a TODO: RFC 6749 §5.2 "If the client
 * attempted to authenticate via the Authorization request header field, the authorization server MUST respond with
 * an HTTP 401 (Unauthorized) status code and include the WWW-Authenticate response header field matching the
 * authentication scheme used by the client" ({@code Basic}, RFC 7617 §2).
 */
public final class ClientAuthenticationFailureHandler implements AuthenticationFailureHandler {

	private final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		SecurityContextHolder.clearContext();
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())) {
			httpResponse.setStatusCode(HttpStatus.UNAUTHORIZED);
			String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
				httpResponse.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2\", charset=\"UTF-8\"");
			}
		}
		else {
			httpResponse.setStatusCode(HttpStatus.BAD_REQUEST);
		}
		this.errors.write(new OAuth2Error(error.getErrorCode()), null, httpResponse);
	}

}
