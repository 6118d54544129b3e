package dev.mcpauth.authserver.config;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A seam for adding to the authorization server's security filter chain (for example a filter in front of the
 * authorization endpoint) without editing {@link AuthorizationServerConfig}. Declare beans of this type; they are
 * applied in {@code @Order} after the chain is configured and before it is built.
 */
@FunctionalInterface
public interface AuthorizationServerChainCustomizer {

	void customize(HttpSecurity http) throws Exception;

}
