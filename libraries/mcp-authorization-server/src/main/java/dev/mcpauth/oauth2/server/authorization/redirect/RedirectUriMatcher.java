package dev.mcpauth.oauth2.server.authorization.redirect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Set;

/**
 * Redirect URI comparison (OAuth 2.1 §4.1.1 "simple string comparison", checklist AS-05, AS-19, §3.4).
 *
 * <p>One exception: when the registered and requested URIs are both {@code http} on the same loopback host
 * ({@code 127.0.0.1}, {@code [::1]} or {@code localhost}), the port is ignored (OAuth 2.1 §8.4.2: "MUST allow any
 * port ... for loopback IP redirect URIs"). {@code localhost} is included because MCP's own example document and
 * real clients register {@code http://localhost/callback} and bind an ephemeral port. Scheme, host, path and
 * query still match exactly, and hosts are never mapped onto each other.
 */
public final class RedirectUriMatcher {

	private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

	private RedirectUriMatcher() {
	}

	public static boolean matchesAny(Collection<String> registered, String requested) {
		for (String candidate : registered) {
			if (matches(candidate, requested)) {
				return true;
			}
		}
		return false;
	}

	public static boolean matches(String registered, String requested) {
		if (registered.equals(requested)) {
			return true;
		}
		String registeredWithoutPort = loopbackWithoutPort(registered);
		return registeredWithoutPort != null && registeredWithoutPort.equals(loopbackWithoutPort(requested));
	}

	/** The URI with its port removed if it is an http loopback URI without user info or fragment, else null. */
	private static String loopbackWithoutPort(String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
		if (!"http".equals(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getRawFragment() != null
				|| uri.getHost() == null || !LOOPBACK_HOSTS.contains(uri.getHost())) {
			return null;
		}
		String port = (uri.getPort() == -1) ? "" : ":" + uri.getPort();
		String authority = uri.getRawAuthority();
		if (!authority.equals(uri.getHost() + port)) {
			return null;
		}
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		return "http://" + uri.getHost() + uri.getRawPath() + query;
	}

}
