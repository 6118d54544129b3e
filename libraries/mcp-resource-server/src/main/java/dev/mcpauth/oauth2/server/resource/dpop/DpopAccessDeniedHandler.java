package dev.mcpauth.oauth2.server.resource.dpop;

import java.io.IOException;

import dev.mcpauth.oauth2.server.resource.scope.InsufficientScopeDecision;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The 403 {@code insufficient_scope} step-up for a caller authenticated with a DPoP-bound token: the challenge uses
 * the {@code DPoP} scheme, the scheme the client must use again (RFC 9449 section 7.1, MCP "Runtime Insufficient
 * Scope Errors"). A bound token only ever authenticates through the DPoP scheme, so the token's {@code cnf.jkt}
 * tells the scheme. Everything else goes to the Bearer handler.
 */
public final class DpopAccessDeniedHandler implements AccessDeniedHandler {

	private final AccessDeniedHandler bearer;

	private final DpopChallenge challenge;

	private final DpopNonces nonces;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * @param bearer the Bearer handler
	 * @param challenge the DPoP challenges
	 * @param nonces the nonces to hand out, or {@code null}
	 */
	public DpopAccessDeniedHandler(AccessDeniedHandler bearer, DpopChallenge challenge, DpopNonces nonces) {
		this.bearer = bearer;
		this.challenge = challenge;
		this.nonces = nonces;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		Authentication caller = this.securityContextHolderStrategy.getContext().getAuthentication();
		if (caller instanceof JwtAuthenticationToken jwt && DpopProofVerifier.boundThumbprint(jwt.getToken()) != null
				&& denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof InsufficientScopeDecision scope) {
			if (this.nonces != null) {
				response.setHeader(DpopAuthenticationEntryPoint.DPOP_NONCE, this.nonces.current());
			}
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					this.challenge.insufficientScope(scope.challengeScopes(), scope.description()));
			DpopAuthenticationEntryPoint.body(response, HttpStatus.FORBIDDEN, "insufficient_scope",
					scope.description());
			return;
		}
		this.bearer.handle(request, response, denied);
	}

}
