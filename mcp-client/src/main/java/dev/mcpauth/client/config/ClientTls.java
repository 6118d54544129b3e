package dev.mcpauth.client.config;

import java.net.http.HttpClient;

import javax.net.ssl.SSLContext;

/**
 * The TLS contexts of the command-line client (from {@link McpClientTlsProperties}): the one every outgoing https call trusts with (MCP server, metadata, authorization
 * server), and the one the embedded CIMD document host serves with. Hostname verification stays on: the JDK client
 * checks the certificate against the URL's host whatever the context.
 *
 * @param outgoing trust for outgoing calls, or null for the JVM default
 * @param documentHost key material of the embedded CIMD host, or null to serve the document over plain http
 */
public record ClientTls(SSLContext outgoing, SSLContext documentHost) {

	private static final ClientTls JVM_DEFAULT = new ClientTls(null, null);

	/** No bundles: the JVM default trust for outgoing calls and an http document host. */
	public static ClientTls jvmDefault() {
		return JVM_DEFAULT;
	}

	/** Sets the outgoing context on {@code builder} when one is configured. */
	public HttpClient.Builder applyTo(HttpClient.Builder builder) {
		return (this.outgoing != null) ? builder.sslContext(this.outgoing) : builder;
	}

}
