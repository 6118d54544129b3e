package dev.mcpauth.oauth2.server.resource.jwt;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audience comparison itself (checklist RS-07, RS-14): only ASCII letters of the scheme and host fold case, as
 * RFC 3986 section 6.2.2.1 allows; nothing else is normalised.
 */
class AudienceValidatorTest {

	private final AudienceValidator validator = new AudienceValidator("https://mcp.kelvin.example/mcp");

	@Test
	void rs14UppercaseAsciiSchemeAndHostMatch() {
		assertThat(accepts("HTTPS://MCP.KELVIN.EXAMPLE/mcp")).isTrue();
	}

	@Test
	void audienceAsAStringAndAsAnArrayBothWork() {
		assertThat(this.validator.validate(jwt("https://mcp.kelvin.example/mcp")).hasErrors()).isFalse();
		assertThat(this.validator.validate(jwt(List.of("https://other.example/mcp", "https://mcp.kelvin.example/mcp")))
			.hasErrors()).isFalse();
		assertThat(this.validator.validate(jwt("https://other.example/mcp")).hasErrors()).isTrue();
	}

	@Test
	void rs07NonAsciiLettersThatLowerCaseToAsciiAreNotTheSameHost() {
		// U+212A KELVIN SIGN lower-cases to 'k' with String.toLowerCase: a different string must stay a different host.
		assertThat(accepts("https://mcp.\u212Aelvin.example/mcp")).isFalse();
	}

	@Test
	void rs07PathUserinfoAndPortStayExact() {
		assertThat(accepts("https://mcp.kelvin.example/MCP")).isFalse();
		assertThat(accepts("https://mcp.kelvin.example:443/mcp")).isFalse();
		assertThat(accepts("https://user@mcp.kelvin.example/mcp")).isFalse();
		assertThat(accepts("https://mcp.kelvin.example/mcp/")).isFalse();
	}

	private boolean accepts(String audience) {
		return !this.validator.validate(jwt(List.of(audience))).hasErrors();
	}

	/** @param audience the {@code aud} claim: a string or a list of strings (RFC 7519 section 4.1.3) */
	private static Jwt jwt(Object audience) {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.claim("aud", audience)
			.build();
	}

}
