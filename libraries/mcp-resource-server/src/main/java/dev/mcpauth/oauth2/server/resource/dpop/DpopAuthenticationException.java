package dev.mcpauth.oauth2.server.resource.dpop;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A request with the {@code DPoP} scheme that was refused, answered with a {@code WWW-Authenticate: DPoP} challenge
 * (RFC 9449 section 7.1) carrying this error code: {@code invalid_dpop_proof}, {@code use_dpop_nonce},
 * {@code invalid_token} (401) or {@code invalid_request} (400).
 */
public final class DpopAuthenticationException extends OAuth2AuthenticationException {

	/** RFC 9449 section 7.1. */
	public static final String INVALID_DPOP_PROOF = "invalid_dpop_proof";

	/** RFC 9449 section 9. */
	public static final String USE_DPOP_NONCE = "use_dpop_nonce";

	private final HttpStatus status;

	DpopAuthenticationException(String errorCode, String description) {
		this(errorCode, description, HttpStatus.UNAUTHORIZED);
	}

	DpopAuthenticationException(String errorCode, String description, HttpStatus status) {
		super(new OAuth2Error(errorCode, description, null), description);
		this.status = status;
	}

	/** @return 401, or 400 for {@code invalid_request} */
	public HttpStatus status() {
		return this.status;
	}

	static DpopAuthenticationException invalidProof(String description) {
		return new DpopAuthenticationException(INVALID_DPOP_PROOF, description);
	}

}
