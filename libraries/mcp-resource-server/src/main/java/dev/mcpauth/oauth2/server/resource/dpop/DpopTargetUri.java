package dev.mcpauth.oauth2.server.resource.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The {@code htu} a proof must carry (RFC 9449 section 4.3, check 9), and the comparison.
 * <p>
 * The expected URI is derived from the configured resource ({@code mcp.resource-server.resource}), never from the
 * {@code Host} header or the scheme the servlet container saw, because behind a TLS-terminating or path-rewriting
 * proxy those are not the URL the client used:
 * <ul>
 * <li>a request to the MCP endpoint expects exactly the resource URI;</li>
 * <li>any other request on the chain expects the resource's scheme and authority followed by the request's own
 * path (so a path-rewriting proxy is only accounted for on the MCP endpoint).</li>
 * </ul>
 * Both sides are compared after dropping query and fragment and applying the normalizations of RFC 3986 section
 * 6.2.2 (case of scheme and host, case of percent-encodings, decoding of percent-encoded unreserved characters,
 * removal of dot segments) and 6.2.3 (default port, empty path as {@code /}).
 */
final class DpopTargetUri {

	private final String resourceOrigin;

	private final String resource;

	private final RequestMatcher endpoint;

	DpopTargetUri(String resource, RequestMatcher endpoint) {
		URI uri = URI.create(resource);
		String path = uri.getRawPath() == null ? "" : uri.getRawPath();
		this.resourceOrigin = resource.substring(0, resource.length() - path.length());
		this.resource = normalize(resource);
		this.endpoint = endpoint;
	}

	/** @return the normalized URI the proof of this request must name */
	String expected(HttpServletRequest request) {
		if (this.endpoint.matches(request)) {
			return this.resource;
		}
		return normalize(this.resourceOrigin + request.getRequestURI());
	}

	/**
	 * @param htu the proof's claim
	 * @return the normalized form without query and fragment, or {@code null} when it is not an absolute http(s) URI
	 */
	static String normalize(String htu) {
		try {
			URI uri = new URI(htu);
			String scheme = uri.getScheme();
			if (scheme == null || uri.getRawAuthority() == null || uri.isOpaque()) {
				return null;
			}
			scheme = scheme.toLowerCase(Locale.ROOT);
			if (!scheme.equals("https") && !scheme.equals("http")) {
				return null;
			}
			String host = uri.getHost();
			if (host == null) {
				return null;
			}
			int port = uri.getPort();
			boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
					|| (scheme.equals("https") && port == 443);
			String userInfo = uri.getRawUserInfo() == null ? "" : normalizeEncoding(uri.getRawUserInfo()) + "@";
			String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
					: removeDotSegments(normalizeEncoding(uri.getRawPath()));
			return scheme + "://" + userInfo + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
	}

	/** RFC 3986 section 6.2.2.1 and 6.2.2.2: upper-case hex digits, unreserved characters decoded. */
	private static String normalizeEncoding(String raw) {
		StringBuilder out = new StringBuilder(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%' && i + 2 < raw.length()) {
				int value = Integer.parseInt(raw.substring(i + 1, i + 3), 16);
				if (isUnreserved((char) value)) {
					out.append((char) value);
				}
				else {
					out.append('%').append(raw.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
				}
				i += 2;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static boolean isUnreserved(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	/** RFC 3986 section 5.2.4, on a path that starts with {@code /}. */
	private static String removeDotSegments(String path) {
		Deque<String> output = new ArrayDeque<>();
		String[] segments = path.split("/", -1);
		for (int i = 1; i < segments.length; i++) {
			String segment = segments[i];
			boolean last = i == segments.length - 1;
			if (segment.equals(".")) {
				if (last) {
					output.addLast("");
				}
			}
			else if (segment.equals("..")) {
				output.pollLast();
				if (last) {
					output.addLast("");
				}
			}
			else {
				output.addLast(segment);
			}
		}
		return "/" + String.join("/", output);
	}

}
