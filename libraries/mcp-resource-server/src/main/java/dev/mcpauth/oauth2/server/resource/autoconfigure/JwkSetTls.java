package dev.mcpauth.oauth2.server.resource.autoconfigure;

import javax.net.ssl.SSLSocketFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The TLS trust of the JWK set fetch: the socket factory of the SSL bundle named by
 * {@code mcp.resource-server.jwk-set-ssl-bundle} (its trust store only, never the JVM default), or null for the JVM
 * default when no bundle is named.
 */
public final class JwkSetTls {

	private JwkSetTls() {
	}

	/**
	 * @param properties the resource server's configuration
	 * @param sslBundles the application's SSL bundles
	 * @return the bundle's socket factory, or null when {@code jwk-set-ssl-bundle} is not set
	 * @throws IllegalStateException when a bundle is named but the application has no SSL bundles
	 */
	public static SSLSocketFactory socketFactory(McpResourceServerProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		String name = properties.jwkSetSslBundle();
		if (!StringUtils.hasText(name)) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		Assert.state(bundles != null, () -> McpResourceServerProperties.PREFIX + ".jwk-set-ssl-bundle is set to '"
				+ name + "' but no SSL bundles are configured (spring.ssl.bundle.*)");
		return bundles.getBundle(name).createSslContext().getSocketFactory();
	}

}
