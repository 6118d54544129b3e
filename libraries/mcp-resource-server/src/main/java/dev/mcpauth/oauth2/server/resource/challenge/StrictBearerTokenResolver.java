package dev.mcpauth.oauth2.server.resource.challenge;

import java.util.Enumeration;

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

	/**
	 * The accepted form, {@code ^Bearer +([A-Za-z0-9\-._~+/]+=*)$} with ASCII case-insensitive matching of the
	 * scheme, is checked by {@link #token(String)} with a character loop (no regular expression per request).
	 */
	static final String FORM = "^Bearer +([A-Za-z0-9\\-._~+/]+=*)$";

	/** The {@code b64token} characters other than {@code "="}, by US-ASCII code: one array read per character. */
	private static final boolean[] TOKEN68 = token68Characters();

	@Override
	public String resolve(HttpServletRequest request) {
		// read without copying the headers: this runs on every request
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (headers == null || !headers.hasMoreElements()) {
			return null;
		}
		String credentials = headers.nextElement();
		if (headers.hasMoreElements()) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("Exactly one Authorization header is allowed"));
		}
		if (!credentials.regionMatches(true, 0, BEARER_SCHEME, 0, BEARER_SCHEME.length())
				|| credentials.length() > BEARER_SCHEME.length() && credentials.charAt(BEARER_SCHEME.length()) != ' ') {
			return null; // another scheme, "BearerToken" included
		}
		String token = token(credentials);
		if (token == null) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("Malformed Bearer credentials (RFC 6750 section 2.1)"));
		}
		return token;
	}

	/**
	 * The {@code b64token} of {@code credentials} when the whole string is {@code Bearer} (US-ASCII letters in any
	 * case), one or more spaces and a {@code b64token} (RFC 6750 section 2.1: {@code 1*( ALPHA / DIGIT / "-" / "." /
	 * "_" / "~" / "+" / "/" ) *"="}); else {@code null}. The same strings as {@link #FORM} with
	 * {@code Pattern.CASE_INSENSITIVE}.
	 * @param credentials the {@code Authorization} header's value
	 * @return the token, or {@code null}
	 */
	static String token(String credentials) {
		int length = credentials.length();
		if (length <= BEARER_SCHEME.length()) {
			return null;
		}
		for (int i = 0; i < BEARER_SCHEME.length(); i++) {
			char c = credentials.charAt(i);
			char lower = (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
			if (lower != Character.toLowerCase(BEARER_SCHEME.charAt(i))) {
				return null;
			}
		}
		int i = BEARER_SCHEME.length();
		if (credentials.charAt(i) != ' ') {
			return null;
		}
		while (i < length && credentials.charAt(i) == ' ') {
			i++;
		}
		int start = i;
		while (i < length && isToken68Character(credentials.charAt(i))) {
			i++;
		}
		if (i == start) {
			return null;
		}
		while (i < length && credentials.charAt(i) == '=') {
			i++;
		}
		return (i == length) ? credentials.substring(start) : null;
	}

	private static boolean isToken68Character(char c) {
		return c < TOKEN68.length && TOKEN68[c];
	}

	private static boolean[] token68Characters() {
		boolean[] table = new boolean[128];
		for (char c = 0; c < table.length; c++) {
			table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
		}
		return table;
	}

}
