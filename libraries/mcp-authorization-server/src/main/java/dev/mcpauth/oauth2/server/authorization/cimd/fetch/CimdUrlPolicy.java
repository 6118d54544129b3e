package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;

/**
 * The syntactic rules a {@code client_id} URL must meet before anything is resolved or fetched (CIMD-00 §3,
 * checklist §3.1 and AS-28), plus the operator's host allow- and denylists.
 *
 * <ul>
 * <li>{@code https} only; {@code http} only when a development allowlist exists, and the fetcher then lets it reach
 * allowlisted addresses only.</li>
 * <li>A path other than {@code /}, without {@code .} or {@code ..} segments, also not percent-encoded ones, which
 * a server may decode and a cache key would not (RFC 3986 §2.3, §6.2.2.2).</li>
 * <li>No fragment and no userinfo (CIMD-00 §3 MUST NOT).</li>
 * <li>No query, not even an empty one. CIMD-00 §3 says SHOULD NOT; we refuse, because a query lets one host mint
 * unlimited distinct client ids for one document (cache busting, fetch amplification) and real clients use a
 * plain path.</li>
 * <li>Printable ASCII only, at most {@value #MAX_LENGTH} characters, a port in 1..65535, a host without a trailing
 * dot (it would not survive SNI, RFC 6066 §3).</li>
 * </ul>
 *
 * <p>Nothing is normalised: the URL is checked as sent, because the document must repeat it byte for byte
 * (CIMD-00 §4.1, RFC 3986 §6.2.1).
 */
public final class CimdUrlPolicy {

	/** Longest accepted client_id URL. */
	public static final int MAX_LENGTH = 2048;

	private final List<String> allowedHosts;

	private final List<String> deniedHosts;

	private final boolean httpAllowed;

	/**
	 * @param allowedHosts if not empty, only these hosts may publish documents; {@code example.com} matches that
	 * host, {@code *.example.com} any host below it (AS-28 trust policy)
	 * @param deniedHosts hosts that may never publish documents, same syntax; the denylist wins
	 * @param httpAllowed whether {@code http} is accepted (only with a development allowlist)
	 */
	public CimdUrlPolicy(List<String> allowedHosts, List<String> deniedHosts, boolean httpAllowed) {
		this.allowedHosts = normalisedPatterns(allowedHosts);
		this.deniedHosts = normalisedPatterns(deniedHosts);
		this.httpAllowed = httpAllowed;
	}

	/**
	 * @param clientId the raw {@code client_id}
	 * @return the checked URL
	 * @throws ClientIdMetadataDocumentException naming the broken rule
	 */
	public CimdUrl check(String clientId) {
		if (clientId == null || clientId.isEmpty() || clientId.length() > MAX_LENGTH) {
			throw refused("client_id must be a URL of at most " + MAX_LENGTH + " characters");
		}
		for (int i = 0; i < clientId.length(); i++) {
			char c = clientId.charAt(i);
			if (c <= 0x20 || c >= 0x7F) {
				throw refused("client_id URL must consist of printable ASCII characters");
			}
		}
		URI uri = parse(clientId);
		String scheme = uri.getScheme();
		boolean https = "https".equalsIgnoreCase(scheme);
		if (!https && !(this.httpAllowed && "http".equalsIgnoreCase(scheme))) {
			throw refused("client_id URL must use https");
		}
		if (uri.isOpaque() || uri.getRawAuthority() == null) {
			throw refused("client_id URL must name a host");
		}
		if (uri.getRawUserInfo() != null) {
			throw refused("client_id URL must not contain a username or password");
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			throw refused("client_id URL must name a valid host");
		}
		if (host.endsWith(".")) {
			throw refused("client_id URL host must not end with a dot");
		}
		if (uri.getRawFragment() != null) {
			throw refused("client_id URL must not contain a fragment");
		}
		if (uri.getRawQuery() != null) {
			throw refused("client_id URL must not contain a query");
		}
		String path = uri.getRawPath();
		if (path == null || path.isEmpty() || path.equals("/")) {
			throw refused("client_id URL must contain a path");
		}
		if (hasDotSegment(path)) {
			throw refused("client_id URL must not contain . or .. path segments");
		}
		int port = uri.getPort();
		if (port == 0 || port > 65535 || (port < 0 && hasEmptyPort(uri.getRawAuthority()))) {
			throw refused("client_id URL has an invalid port");
		}
		String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		checkHostLists(bareHost);
		int effectivePort = (port > 0) ? port : (https ? 443 : 80);
		String hostHeader = (port > 0) ? host + ":" + port : host;
		return new CimdUrl(clientId, https, bareHost, effectivePort, hostHeader, path);
	}

	/** The host of {@code clientId} for a log line, or {@code "-"} if it has none; never throws. */
	public static String hostForLog(String clientId) {
		try {
			String host = (clientId != null) ? new URI(clientId).getHost() : null;
			return (host != null && host.length() <= 255) ? host : "-";
		}
		catch (URISyntaxException | RuntimeException ex) {
			return "-";
		}
	}

	private static URI parse(String clientId) {
		try {
			return new URI(clientId);
		}
		// java.net.URI throws NumberFormatException, not URISyntaxException, for an IPv4 part of an IPv6 literal
		// whose number overflows an int (found by CimdFetchFuzzTest: [::8.5555555550.0.1])
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw refused("client_id is not a valid URL");
		}
	}

	private static boolean hasDotSegment(String rawPath) {
		for (String segment : rawPath.split("/", -1)) {
			String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
			if (decoded.equals(".") || decoded.equals("..")) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasEmptyPort(String authority) {
		// "https://host:/x" parses with port -1; an authority ending in ':' is an empty port
		return authority.endsWith(":");
	}

	private void checkHostLists(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		if (this.deniedHosts.stream().anyMatch((pattern) -> matches(pattern, lower))) {
			throw refused("client_id host is not allowed by this server");
		}
		boolean listed = this.allowedHosts.stream().anyMatch((pattern) -> matches(pattern, lower));
		if (!this.allowedHosts.isEmpty() && !listed) {
			throw refused("client_id host is not allowed by this server");
		}
	}

	private static boolean matches(String pattern, String host) {
		if (pattern.startsWith("*.")) {
			return host.endsWith(pattern.substring(1));
		}
		return host.equals(pattern);
	}

	private static List<String> normalisedPatterns(List<String> patterns) {
		return patterns.stream().map(String::trim).filter((p) -> !p.isEmpty()).map((pattern) -> {
			String body = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
			if (body.isEmpty() || body.contains("*") || body.contains("/") || body.contains(":")) {
				throw new IllegalArgumentException("Host pattern must be host or *.domain: " + pattern);
			}
			return pattern.toLowerCase(Locale.ROOT);
		}).toList();
	}

	private static ClientIdMetadataDocumentException refused(String reason) {
		return new ClientIdMetadataDocumentException(reason);
	}

}
