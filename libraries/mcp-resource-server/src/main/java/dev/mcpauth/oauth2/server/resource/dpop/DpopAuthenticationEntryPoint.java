package dev.mcpauth.oauth2.server.resource.dpop;

import java.io.IOException;

import dev.mcpauth.oauth2.server.resource.challenge.BearerAuthenticationEntryPoint;
import dev.mcpauth.oauth2.server.resource.challenge.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.BearerTokenError;

/**
 * The 401 (and 400) challenges with DPoP (RFC 9449 section 7.1), around the Bearer entry point:
 * <ul>
 * <li>a refused {@code DPoP}-scheme request ({@link DpopAuthenticationException}): {@code WWW-Authenticate: DPoP}
 * with its error code, plus {@code DPoP-Nonce} when nonces are required;</li>
 * <li>{@code optional}: no credentials get the Bearer challenge and a second {@code DPoP} challenge (RFC 9449
 * section 7.1, a resource accepting both schemes); a refused Bearer token keeps its Bearer challenge;</li>
 * <li>{@code required}: every challenge uses the {@code DPoP} scheme, a Bearer token included;</li>
 * <li>{@code disabled}: the Bearer entry point alone.</li>
 * </ul>
 * It is a {@link BearerAuthenticationEntryPoint} so that the failure handler and the exception handling of the
 * chain use it unchanged.
 */
public final class DpopAuthenticationEntryPoint extends BearerAuthenticationEntryPoint {

	/** RFC 9449 section 8.1. */
	public static final String DPOP_NONCE = "DPoP-Nonce";

	private final BearerAuthenticationEntryPoint bearer;

	private final DpopChallenge challenge;

	private final DpopMode mode;

	private final DpopNonces nonces;

	/**
	 * @param bearer the Bearer entry point
	 * @param challenge the DPoP challenges
	 * @param mode the DPoP mode
	 * @param nonces the nonces to hand out, or {@code null} when nonces are not required
	 */
	public DpopAuthenticationEntryPoint(BearerAuthenticationEntryPoint bearer, DpopChallenge challenge, DpopMode mode,
			DpopNonces nonces) {
		super(null); // every path delegates to `bearer` or writes the DPoP challenge itself
		this.bearer = bearer;
		this.challenge = challenge;
		this.mode = mode;
		this.nonces = nonces;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (exception instanceof DpopAuthenticationException dpop) {
			OAuth2Error error = dpop.getError();
			writeDpop(response, dpop.status(), error.getErrorCode(), error.getDescription());
			return;
		}
		switch (this.mode) {
			case DISABLED -> this.bearer.commence(request, response, exception);
			case OPTIONAL -> {
				if (exception instanceof OAuth2AuthenticationException) {
					this.bearer.commence(request, response, exception);
				}
				else {
					this.bearer.commence(request, new AlsoDpopChallenge(response), exception);
				}
			}
			case REQUIRED -> {
				if (!(exception instanceof OAuth2AuthenticationException oauth2)) {
					nonce(response);
					response.setHeader(HttpHeaders.WWW_AUTHENTICATE, this.challenge.missingToken());
					body(response, HttpStatus.UNAUTHORIZED, "unauthorized", "A DPoP-bound access token is required");
					return;
				}
				OAuth2Error error = oauth2.getError();
				boolean malformed = error instanceof BearerTokenError bearerError
						&& bearerError.getHttpStatus() == HttpStatus.BAD_REQUEST;
				String description = error.getDescription() != null ? error.getDescription()
						: "The access token was refused";
				writeDpop(response, malformed ? HttpStatus.BAD_REQUEST : HttpStatus.UNAUTHORIZED,
						malformed ? OAuth2ErrorCodes.INVALID_REQUEST : OAuth2ErrorCodes.INVALID_TOKEN, description);
			}
		}
	}

	private void writeDpop(HttpServletResponse response, HttpStatus status, String code, String description)
			throws IOException {
		nonce(response);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, this.challenge.error(code, description));
		body(response, status, code, description);
	}

	private void nonce(HttpServletResponse response) {
		if (this.nonces != null) {
			response.setHeader(DPOP_NONCE, this.nonces.current());
		}
	}

	static void body(HttpServletResponse response, HttpStatus status, String code, String description)
			throws IOException {
		ErrorBody.write(response, status, code, (description == null) ? "" : description);
	}

	/** Adds the DPoP challenge right after the Bearer one, whichever way the Bearer entry point sets it. */
	private final class AlsoDpopChallenge extends HttpServletResponseWrapper {

		AlsoDpopChallenge(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			super.setHeader(name, value);
			if (HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
				dpop();
			}
		}

		@Override
		public void addHeader(String name, String value) {
			super.addHeader(name, value);
			if (HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
				dpop();
			}
		}

		private void dpop() {
			nonce((HttpServletResponse) getResponse());
			super.addHeader(HttpHeaders.WWW_AUTHENTICATE, DpopAuthenticationEntryPoint.this.challenge.missingToken());
		}

	}

}
