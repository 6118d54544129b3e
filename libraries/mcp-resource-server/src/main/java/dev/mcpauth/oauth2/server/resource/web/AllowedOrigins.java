package dev.mcpauth.oauth2.server.resource.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The browser origins allowed to call the MCP endpoint.
 *
 * <p>If origins are configured, exactly those are allowed. If none are, the default depends on where the server
 * lives: the origin of the resource itself is always allowed, and, when the resource is on a loopback host, so is
 * any {@code http}/{@code https} origin on a loopback host ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) on any
 * port, which covers local tools such as the MCP Inspector. DNS rebinding, the attack the MCP transport rule guards
 * against, presents an attacker's host name as the origin, which this never allows. {@link #and(Collection)} adds
 * origins on top of either policy (the {@code allowedOrigins} hook of the configurer).
 */
public final class AllowedOrigins {

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

	private final Set<String> configured;

	private final String resourceOrigin;

	private final boolean loopbackResource;

	private final Set<String> additional;

	private final String resource;

	/**
	 * @param configured the configured origins; empty for the defaults described above
	 * @param resource the canonical resource URI
	 */
	public AllowedOrigins(List<String> configured, String resource) {
		this(normalized(configured), resource, Set.of());
	}

	private AllowedOrigins(Set<String> configured, String resource, Set<String> additional) {
		this.configured = configured;
		URI uri = URI.create(resource);
		this.resourceOrigin = originOf(uri);
		this.loopbackResource = LOOPBACK_HOSTS.contains(hostOf(uri));
		this.additional = additional;
		this.resource = resource;
	}

	/**
	 * @param origins origins to allow as well, e.g. a known browser client
	 * @return this policy with {@code origins} allowed too
	 */
	public AllowedOrigins and(Collection<String> origins) {
		Set<String> all = new HashSet<>(this.additional);
		all.addAll(normalized(origins));
		return new AllowedOrigins(this.configured, this.resource, Set.copyOf(all));
	}

	private static Set<String> normalized(Collection<String> origins) {
		return Set.copyOf(origins.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList());
	}

	/** An absent {@code Origin} (non-browser clients) is allowed; the literal {@code null} origin is not. */
	public boolean isAllowed(String origin) {
		if (origin == null) {
			return true;
		}
		String normalized = origin.toLowerCase(Locale.ROOT);
		if (this.additional.contains(normalized)) {
			return true;
		}
		if (!this.configured.isEmpty()) {
			return this.configured.contains(normalized);
		}
		if (normalized.equals(this.resourceOrigin)) {
			return true;
		}
		if (!this.loopbackResource) {
			return false;
		}
		try {
			URI uri = new URI(normalized);
			return (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
					&& LOOPBACK_HOSTS.contains(hostOf(uri)) && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
					&& uri.getRawUserInfo() == null && normalized.equals(originOf(uri)));
		}
		catch (URISyntaxException | IllegalArgumentException | NullPointerException ex) {
			return false;
		}
	}

	private static String hostOf(URI uri) {
		return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
	}

	/** RFC 6454 section 6.1 serialization: scheme "://" host [ ":" port ]. */
	private static String originOf(URI uri) {
		String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + hostOf(uri);
		return uri.getPort() == -1 ? origin : origin + ":" + uri.getPort();
	}

}
