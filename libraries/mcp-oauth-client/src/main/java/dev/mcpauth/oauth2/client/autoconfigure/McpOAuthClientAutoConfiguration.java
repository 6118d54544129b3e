package dev.mcpauth.oauth2.client.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.mcpauth.oauth2.client.McpOAuthClient;
import dev.mcpauth.oauth2.client.authorization.BrowserUserAgent;
import dev.mcpauth.oauth2.client.authorization.HeadlessUserAgent;
import dev.mcpauth.oauth2.client.authorization.UserAgent;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import dev.mcpauth.oauth2.client.token.InMemoryTokenStore;
import dev.mcpauth.oauth2.client.token.TokenStore;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link McpOAuthClient} from {@code mcp.client.*} for the MCP Java SDK transport; every bean backs off when the
 * application defines its own. The client itself needs {@code mcp.client.server-url}; an
 * {@link AuthorizationTraceListener} bean, if there is one, receives the trace; a {@link JsonMapper} bean, if there is
 * one, reads the metadata. Wire it into the transport with {@code httpRequestCustomizer(oauth.requestCustomizer())}
 * and {@code authorizationErrorHandler(oauth.authorizationErrorHandler())}.
 */
@AutoConfiguration
@ConditionalOnClass(HttpClientStreamableHttpTransport.class)
@EnableConfigurationProperties(McpOAuthClientProperties.class)
public final class McpOAuthClientAutoConfiguration {

	/** Tokens in memory; define a {@link TokenStore} bean to keep them elsewhere. */
	@Bean
	@ConditionalOnMissingBean
	TokenStore mcpOAuthTokenStore() {
		return new InMemoryTokenStore();
	}

	/** The HTTP client of the OAuth calls (no redirects followed, bounded bodies). */
	@Bean
	@ConditionalOnMissingBean
	OAuthHttpClient mcpOAuthHttpClient(McpOAuthClientProperties properties, ObjectProvider<JsonMapper> json,
			ObjectProvider<AuthorizationTraceListener> listener) {
		return new OAuthHttpClient(json.getIfAvailable(() -> JsonMapper.builder().build()), properties.timeout(),
				listener.getIfAvailable(() -> AuthorizationTraceListener.NONE));
	}

	/** The browser (default) or headless user agent, after {@code mcp.client.user-agent}. */
	@Bean
	@ConditionalOnMissingBean
	UserAgent mcpOAuthUserAgent(McpOAuthClientProperties properties,
			ObjectProvider<AuthorizationTraceListener> listener) {
		AuthorizationTraceListener trace = listener.getIfAvailable(() -> AuthorizationTraceListener.NONE);
		return switch (properties.userAgent()) {
			case HEADLESS -> new HeadlessUserAgent(properties.redirectUri(), properties.timeout(), trace);
			case BROWSER -> new BrowserUserAgent(properties.interactiveTimeout(), trace, System.err);
		};
	}

	/** The client for {@code mcp.client.server-url}. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "mcp.client", name = "server-url")
	McpOAuthClient mcpOAuthClient(McpOAuthClientProperties properties, TokenStore tokenStore, UserAgent userAgent,
			OAuthHttpClient httpClient, ObjectProvider<JsonMapper> json,
			ObjectProvider<AuthorizationTraceListener> listener) {
		return McpOAuthClient.builder(properties.serverUrl())
			.clientCredentials(properties.clientId(), properties.clientSecret())
			.clientMetadataDocumentUrl(properties.clientMetadataUrl())
			.clientName(properties.clientName())
			.userAgent(userAgent)
			.scopes(properties.scopes())
			.timeout(properties.timeout())
			.httpClient(httpClient)
			.tokenStore(tokenStore)
			.listener(listener.getIfAvailable(() -> AuthorizationTraceListener.NONE))
			.maxAuthorizationAttempts(properties.maxAuthorizationAttempts())
			.grant(properties.grant())
			.clientPrivateKey(properties.resolvedClientPrivateKey())
			.dpop(properties.dpop())
			.jsonMapper(json.getIfAvailable(() -> JsonMapper.builder().build()))
			.build();
	}

}
