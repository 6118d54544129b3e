package dev.mcpauth.oauth2.client.http;

import java.net.URI;
import java.util.Locale;

import dev.mcpauth.oauth2.client.McpAuthorizationException;

/**
 * Which URLs the client agrees to contact on the strength of metadata it was handed (CL-26, RFC 9728 section 7.7,
 * OAuth 2.1 section 1.5): https anywhere, plain http only on a loopback host (local development and the demo), and
 * never a link-local address such as a cloud metadata endpoint.
 */
public final class EndpointPolicy {

	private EndpointPolicy() {
	}

	public static URI require(String url, String what) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new McpAuthorizationException(what + " is not a valid URL: " + url);
		}
		return require(uri, what);
	}

	public static URI require(URI uri, String what) {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
		if (!uri.isAbsolute() || host.isEmpty() || uri.getFragment() != null) {
			throw new McpAuthorizationException(what + " must be an absolute URL with a host and no fragment: " + uri);
		}
		if (host.startsWith("169.254.") || host.startsWith("[fe80:")) {
			throw new McpAuthorizationException(what + " points to a link-local address, refused (RFC 9728 section 7.7): " + uri);
		}
		if (scheme.equals("https") || (scheme.equals("http") && isLoopback(host))) {
			return uri;
		}
		throw new McpAuthorizationException(what + " must use https (plain http is accepted for loopback hosts only): " + uri);
	}

	public static boolean isLoopback(String host) {
		String h = host.toLowerCase(Locale.ROOT);
		return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]")
				|| h.equals("::1");
	}

}
