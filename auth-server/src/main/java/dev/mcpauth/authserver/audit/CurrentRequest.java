package dev.mcpauth.authserver.audit;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The HTTP request an authentication event belongs to (events are published synchronously on the request's
 * thread, and Boot's {@code RequestContextFilter} runs before Spring Security). Only non-secret parameters are read
 * through here.
 */
public final class CurrentRequest {

	private CurrentRequest() {
	}

	public static HttpServletRequest get() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}

	/** {@code grant_type} of the current token request, or {@code null}. */
	public static String grantType() {
		HttpServletRequest request = get();
		return (request != null) ? request.getParameter("grant_type") : null;
	}

	/** A consent decision is a POST to the authorization endpoint without {@code response_type} (Spring's rule). */
	public static boolean isConsentDecision() {
		HttpServletRequest request = get();
		return request != null && "POST".equals(request.getMethod()) && request.getParameter("response_type") == null;
	}

	public static String remoteAddress() {
		HttpServletRequest request = get();
		return (request != null) ? request.getRemoteAddr() : null;
	}

}
