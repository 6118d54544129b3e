package dev.mcpauth.oauth2.server.resource.autoconfigure;

import dev.mcpauth.oauth2.server.resource.jwt.ValidatedTokenCache;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration without an HTTP server: it fails closed without the two required keys, backs Spring Boot's
 * own resource-server pieces off, and yields to the application's beans.
 */
class McpResourceServerAutoConfigurationTest {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(McpResourceServerAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class));

	@Test
	void withoutResourceAndIssuerTheApplicationDoesNotStart() {
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("mcp.resource-server.resource must be set"));
	}

	@Test
	void rs07TheAudienceCheckingDecoderAndTheMcpChainReplaceBootsDefaults() {
		this.runner
			.withPropertyValues("mcp.resource-server.resource=http://localhost:8001/mcp",
					"mcp.resource-server.issuer=http://localhost:9000",
					"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:9000/other-keys")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(ValidatedTokenCache.class);
				assertThat(context.getBeansOfType(SecurityFilterChain.class))
					.containsOnlyKeys("mcpResourceServerSecurityFilterChain");
			});
	}

	@Test
	void anApplicationDecoderWins() {
		this.runner
			.withPropertyValues("mcp.resource-server.resource=http://localhost:8001/mcp",
					"mcp.resource-server.issuer=http://localhost:9000")
			.withUserConfiguration(OwnDecoder.class)
			.run((context) -> assertThat(context.getBean(JwtDecoder.class)).isSameAs(OwnDecoder.DECODER));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDecoder {

		static final JwtDecoder DECODER = (token) -> Jwt.withTokenValue(token).header("alg", "none").claim("sub", "x")
			.build();

		@Bean
		JwtDecoder ownDecoder() {
			return DECODER;
		}

	}

}
