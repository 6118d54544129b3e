package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

/**
 * A {@code client_id} URL that passed {@link CimdUrlPolicy}, split into what the fetcher needs.
 *
 * @param clientId the raw {@code client_id}, never normalised
 * @param https {@code true} for {@code https}, {@code false} for development {@code http}
 * @param host the host as written (IPv6 literals without brackets); used for DNS, SNI and certificate checks
 * @param port the explicit port, or the scheme's default
 * @param hostHeader the RFC 9110 §7.2 {@code Host} field value, from the URL's authority
 * @param requestTarget the origin-form request target (RFC 9112 §3.2.1): the raw path, unnormalised
 */
public record CimdUrl(String clientId, boolean https, String host, int port, String hostHeader,
		String requestTarget) {

	/** Whether the host is an IP literal rather than a name (no SNI is sent for literals, RFC 6066 §3). */
	public boolean hostIsIpLiteral() {
		return this.host.contains(":") || this.host.matches("[0-9.]+");
	}

}
