package dev.mcpauth.authserver.web.consent;

import java.util.List;
import java.util.Locale;

/**
 * The hosts whose Client ID Metadata Documents the operator vouches for ({@code auth-server.ui.trusted-client-hosts}):
 * {@code example.com} matches that host only, {@code *.example.com} any host below it (not {@code example.com}
 * itself). A MAY of MCP's "Trust Policies" and CIMD-00 §6.8; everything else is presented as unverified.
 */
public final class TrustedClientHosts {

	private final List<String> patterns;

	public TrustedClientHosts(List<String> patterns) {
		this.patterns = patterns.stream().map((p) -> p.strip().toLowerCase(Locale.ROOT)).toList();
	}

	public boolean isTrusted(String host) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		String candidate = host.toLowerCase(Locale.ROOT);
		for (String pattern : this.patterns) {
			if (pattern.startsWith("*.") ? candidate.endsWith(pattern.substring(1)) : candidate.equals(pattern)) {
				return true;
			}
		}
		return false;
	}

}
