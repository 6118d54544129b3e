package dev.mcpauth.authserver.metrics;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentRegisteredClients;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Where a client came from, as a metric tag: {@code pre_registered} (configuration), {@code cimd} (a Client ID
 * Metadata Document) or {@code dcr} (RFC 7591 registration).
 */
public enum ClientKind {

	PRE_REGISTERED("pre_registered"), CIMD("cimd"), DCR("dcr");

	/** Prefix of the ids {@code RegisteredClientsConfig} gives clients from configuration. */
	private static final String CONFIGURED_ID_PREFIX = "config-";

	/** Prefix of the client ids {@code PublicClientRegistrationConverter} issues. */
	private static final String REGISTERED_CLIENT_ID_PREFIX = "mcp-";

	private final String tag;

	ClientKind(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

	public static ClientKind of(RegisteredClient client) {
		if (client == null) {
			return PRE_REGISTERED;
		}
		if (ClientIdMetadataDocumentRegisteredClients.isClientIdMetadataDocumentClient(client)) {
			return CIMD;
		}
		if (!client.getId().startsWith(CONFIGURED_ID_PREFIX) && client.getClientIdIssuedAt() != null
				&& client.getClientId().startsWith(REGISTERED_CLIENT_ID_PREFIX)) {
			return DCR;
		}
		return PRE_REGISTERED;
	}

}
