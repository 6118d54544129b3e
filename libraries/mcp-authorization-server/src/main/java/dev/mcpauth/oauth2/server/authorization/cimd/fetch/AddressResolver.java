package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to the addresses the fetcher checks and then connects to. It is asked exactly once per
 * fetch, so a DNS answer that changes between the check and the connection (DNS rebinding) cannot take effect.
 */
@FunctionalInterface
public interface AddressResolver {

	/**
	 * @param host a host name or IP literal as it appears in the URL ({@code [..]} brackets removed)
	 * @return every address the name resolves to, never empty
	 * @throws UnknownHostException if the name does not resolve
	 */
	List<InetAddress> resolve(String host) throws UnknownHostException;

	/** The platform resolver ({@link InetAddress#getAllByName}), subject to the JVM's DNS cache settings. */
	static AddressResolver system() {
		return (host) -> List.of(InetAddress.getAllByName(host));
	}

}
