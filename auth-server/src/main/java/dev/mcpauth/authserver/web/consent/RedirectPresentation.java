package dev.mcpauth.authserver.web.consent;

import java.net.URI;
import java.util.Locale;

/**
 * Where the authorization code will be sent. MCP 2025-11-25 (Security Considerations, "Client ID Metadata Document
 * security"): authorization servers "MUST clearly display the redirect URI hostname during authorization" and
 * "SHOULD display additional warnings for localhost-only redirect URIs", because any program on the user's
 * computer can claim a legitimate client's {@code client_id} and listen on a loopback port.
 *
 * @param uri the redirect URI of this authorization request
 * @param host its host
 * @param origin scheme, host and port, for the page's {@code form-action}
 * @param loopback whether the code goes to this computer ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]})
 */
public record RedirectPresentation(String uri, String host, String origin, boolean loopback) {

	/** @return the presentation, or {@code null} if there is no absolute redirect URI with a host to show */
	public static RedirectPresentation parse(String redirectUri) {
		if (redirectUri == null) {
			return null;
		}
		URI uri;
		try {
			uri = URI.create(redirectUri);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (uri.getScheme() == null || uri.getHost() == null) {
			return null;
		}
		String host = uri.getHost();
		String origin = uri.getScheme() + "://" + host + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
		return new RedirectPresentation(redirectUri, host, origin, isLoopback(host));
	}

	/** Literal check only (no DNS): the names and addresses RFC 8252 §7.3 and RFC 6761 §6.3 reserve for loopback. */
	static boolean isLoopback(String host) {
		String h = host.toLowerCase(Locale.ROOT);
		return h.equals("localhost") || h.endsWith(".localhost") || h.equals("[::1]") || h.equals("::1")
				|| h.matches("127(\\.\\d{1,3}){3}");
	}

}
