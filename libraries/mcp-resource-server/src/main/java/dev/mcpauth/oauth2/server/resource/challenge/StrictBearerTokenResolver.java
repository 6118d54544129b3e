package dev.mcpauth.oauth2.server.resource.challenge;

import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Takes the access token from the {@code Authorization} header only.
 *
 * <ul>
 * <li>OAuth 2.1 section 5.1 / MCP: tokens in the query string (or a form body) are never read (checklist RS-10).</li>
 * <li>RFC 6750 section 2.1: the credentials are one {@code b64token}; the scheme name is case-insensitive
 * (RFC 9110 section 11.1). Anything else after {@code Bearer}, or more than one {@code Authorization} header, is a
 * malformed request: 400 {@code invalid_request} (OAuth 2.1 section 5.3.2, checklist RS-13). Spring Security's
 * default resolver answers 401 {@code invalid_token} for these.</li>
 * <li>Another scheme (e.g. {@code Basic}) is simply "no bearer token": the caller gets the 401 discovery
 * challenge.</li>
 * </ul>
 */
public final class StrictBearerTokenResolver implements BearerTokenResolver {

	private static final String BEARER_SCHEME = "Bearer";

	private static final Pattern BEARER = Pattern.compile("^Bearer +([A-Za-z0-9\\-._~+/]+=*)$",
			Pattern.CASE_INSENSITIVE);

	@Override
	public String resolve(HttpServletRequest request) {
		List<String> headers = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
		if (headers.isEmpty()) {
			return null;
		}
		if (headers.size() > 1) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("Exactly one Authorization header is allowed"));
		}
		String credentials = headers.get(0);
		if (!credentials.regionMatches(true, 0, BEARER_SCHEME, 0, BEARER_SCHEME.length())
				|| credentials.length() > BEARER_SCHEME.length() && credentials.charAt(BEARER_SCHEME.length()) != ' ') {
			return null; // another scheme, "BearerToken" included
		}
		Matcher matcher = BEARER.matcher(credentials);
		if (!matcher.matches()) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("Malformed Bearer credentials (RFC 6750 section 2.1)"));
		}
		return matcher.group(1);
	}

}
