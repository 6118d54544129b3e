package dev.mcpauth.oauth2.server.authorization.redirect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which redirect URIs a client may register, whether through a metadata document or dynamic registration.
 * OAuth 2.1 §2.3.1: absolute, no fragment. MCP "Communication Security": {@code localhost} (loopback) or HTTPS; a
 * native app's private-use scheme (RFC 8252 §7.1) is also allowed. Script-capable schemes never are.
 */
public final class RedirectUriRules {

	private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "data", "file", "vbscript", "about",
			"blob");

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "[::1]", "[0:0:0:0:0:0:0:1]");

	/**
	 * Upper bound on all redirect URIs of one client together: they are stored in one column of the
	 * registered-client table ({@code redirect_uris varchar(6000)}, comma-separated).
	 */
	public static final int MAX_TOTAL_LENGTH = 5000;

	private RedirectUriRules() {
	}

	/**
	 * @return why this set of redirect URIs may not be registered, or {@code null} if it may
	 */
	public static String problem(List<String> redirectUris) {
		if (String.join(",", redirectUris).length() > MAX_TOTAL_LENGTH) {
			return "redirect_uris are longer than " + MAX_TOTAL_LENGTH + " characters in total";
		}
		for (String redirectUri : redirectUris) {
			String problem = problem(redirectUri);
			if (problem != null) {
				return problem;
			}
		}
		return null;
	}

	/**
	 * @return why {@code value} may not be registered, or {@code null} if it may
	 */
	public static String problem(String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return "a redirect URI is not a valid URI";
		}
		if (!uri.isAbsolute() || uri.getRawFragment() != null) {
			return "a redirect URI must be absolute and must not contain a fragment";
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (FORBIDDEN_SCHEMES.contains(scheme)) {
			return "a redirect URI uses a forbidden scheme";
		}
		if ("http".equals(scheme) && (uri.getHost() == null || !isLoopback(uri.getHost()))) {
			return "an http redirect URI must use a loopback host";
		}
		return null;
	}

	static boolean isLoopback(String host) {
		String h = host.toLowerCase(Locale.ROOT);
		return LOOPBACK_HOSTS.contains(h) || h.startsWith("127.");
	}

}
