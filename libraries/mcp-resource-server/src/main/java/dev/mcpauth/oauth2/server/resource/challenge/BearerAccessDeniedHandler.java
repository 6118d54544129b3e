package dev.mcpauth.oauth2.server.resource.challenge;

import java.io.IOException;

import dev.mcpauth.oauth2.server.resource.scope.InsufficientScopeDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers authenticated requests that are not allowed (checklist RS-12, RS-13).
 *
 * <p>A denial for a missing scope becomes the MCP step-up challenge: 403 with {@code error="insufficient_scope"},
 * the {@code scope} to re-authorize with and {@code resource_metadata}. Any other denial is a plain 403 without
 * {@code WWW-Authenticate}, so that clients do not mistake it for a step-up request (checklist section 7, item 17).
 */
public class BearerAccessDeniedHandler implements AccessDeniedHandler {

	private final BearerChallenge challenge;

	public BearerAccessDeniedHandler(BearerChallenge challenge) {
		this.challenge = challenge;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		if (denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof InsufficientScopeDecision scope) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					this.challenge.insufficientScope(scope.challengeScopes(), scope.description()));
			ErrorBody.write(response, HttpStatus.FORBIDDEN, "insufficient_scope", scope.description());
			return;
		}
		ErrorBody.write(response, HttpStatus.FORBIDDEN, "access_denied", "Access denied");
	}

}
