package dev.mcpauth.oauth2.server.resource.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the challenge counter reads a {@code WWW-Authenticate} value: the scheme, Bearer or DPoP, and a parameter at a
 * parameter's start only (never inside {@code error_description} or a quoted value).
 */
class ChallengeMetricsFilterTest {

	@Test
	void readsBothSchemesCaseInsensitivelyAndNothingElse() {
		assertThat(ChallengeMetricsFilter.isScheme("Bearer resource_metadata=\"x\"", "Bearer")).isTrue();
		assertThat(ChallengeMetricsFilter.isScheme("bearer error=\"invalid_token\"", "Bearer")).isTrue();
		assertThat(ChallengeMetricsFilter.isScheme("DPoP algs=\"ES256\"", "DPoP")).isTrue();
		assertThat(ChallengeMetricsFilter.isScheme("DPoP", "DPoP")).isTrue();
		assertThat(ChallengeMetricsFilter.isScheme("BearerX error=\"invalid_token\"", "Bearer")).isFalse();
		assertThat(ChallengeMetricsFilter.isScheme("Basic realm=\"x\"", "Bearer")).isFalse();
	}

	@Test
	void findsTheErrorAndTheScopeOfTheChallenge() {
		String dpop = "DPoP algs=\"ES256 RS256\", error=\"invalid_dpop_proof\", error_description=\"error=\\\"x\\\" no\","
				+ " resource_metadata=\"https://rs/.well-known/oauth-protected-resource/mcp\"";
		String stepUp = "Bearer error=\"insufficient_scope\", scope=\"mcp:connect notes:read\", "
				+ "resource_metadata=\"https://rs/x\", error_description=\"scope=\\\"other\\\"\"";

		assertThat(ChallengeMetricsFilter.parameter(dpop, "error")).isEqualTo("invalid_dpop_proof");
		assertThat(ChallengeMetricsFilter.parameter(stepUp, "error")).isEqualTo("insufficient_scope");
		assertThat(ChallengeMetricsFilter.parameter(stepUp, "scope")).isEqualTo("mcp:connect notes:read");
		assertThat(ChallengeMetricsFilter.parameter("DPoP error=\"use_dpop_nonce\", algs=\"ES256\"", "error"))
			.isEqualTo("use_dpop_nonce");
	}

	@Test
	void aChallengeWithoutErrorHasNone() {
		assertThat(ChallengeMetricsFilter.parameter(
				"Bearer resource_metadata=\"https://rs/x?error=\\\"y\\\"\", scope=\"mcp:connect\"", "error"))
			.isNull();
		assertThat(ChallengeMetricsFilter.parameter("Bearer", "error")).isNull();
		assertThat(ChallengeMetricsFilter.parameter("DPoP algs=\"ES256\", error_description=\"d\"", "error"))
			.isNull();
	}

}
