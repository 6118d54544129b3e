package dev.mcpauth.authserver.web.consent;

import java.net.URI;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentRegisteredClients;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

/**
 * How a client is introduced to the user. Its name is whatever the client says it is (a CIMD document's
 * {@code client_name} is chosen by whoever publishes the document), so for a CIMD client the page leads with the
 * {@code client_id} host, which the name cannot fake (CIMD-00 §6.4: "SHOULD display the hostname of the
 * client_id"), and says whether the operator knows that host.
 *
 * @param name the client's self-declared name (rendered as text, never as HTML)
 * @param clientId the client identifier
 * @param metadataDocument whether the client is a Client ID Metadata Document client
 * @param host the {@code client_id} URL's host for a CIMD client, else {@code null}
 * @param trusted whether {@code host} is one of the configured trusted client hosts
 */
public record ClientPresentation(String name, String clientId, boolean metadataDocument, String host,
		boolean trusted) {

	public static ClientPresentation of(RegisteredClient client, TrustedClientHosts trustedHosts) {
		boolean document = ClientIdMetadataDocumentRegisteredClients.isClientIdMetadataDocumentClient(client);
		String host = document ? host(client.getClientId()) : null;
		String name = StringUtils.hasText(client.getClientName()) ? client.getClientName() : client.getClientId();
		return new ClientPresentation(name, client.getClientId(), document, host,
				document && trustedHosts.isTrusted(host));
	}

	/** Whether the page must say that nobody vouches for this client. */
	public boolean unverified() {
		return this.metadataDocument && !this.trusted;
	}

	static String host(String url) {
		try {
			String host = URI.create(url).getHost();
			return (host != null) ? host : url;
		}
		catch (IllegalArgumentException ex) {
			return url;
		}
	}

}
