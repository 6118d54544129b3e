package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import dev.mcpauth.oauth2.server.authorization.store.RequestScopedReads;
import dev.mcpauth.oauth2.server.authorization.token.GrantReplayDetection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * A replayed code or rotated refresh token revokes its grant ({@link GrantReplayDetection}); the configurer plugs it
 * into the token endpoint. Rotated refresh tokens are remembered in {@code oauth2_rotated_refresh_token} (the
 * library's migrations and {@code oauth2-authorization-schema.sql}); expired ones are deleted with the authorization
 * cleanup. {@code mcp.authorization-server.refresh-token-reuse-detection=false} switches it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "mcp.authorization-server", name = "refresh-token-reuse-detection",
		havingValue = "true", matchIfMissing = true)
class GrantReplayDetectionConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GrantReplayDetection grantReplayDetection(JdbcOperations jdbc, OAuth2AuthorizationService authorizations) {
		return new GrantReplayDetection(jdbc, authorizations);
	}

	@Bean
	ExpiredAuthorizationCleanupConfiguration.Schedule rotatedRefreshTokenCleanupSchedule(
			GrantReplayDetection detection, OAuth2AuthorizationService authorizations,
			McpAuthorizationServerProperties properties) {
		boolean jdbcStore = RequestScopedReads.unwrap(authorizations) instanceof JdbcOAuth2AuthorizationService;
		return new ExpiredAuthorizationCleanupConfiguration.Schedule(detection::deleteExpired,
				jdbcStore ? properties.authorizationCleanupInterval() : java.time.Duration.ZERO);
	}

}
