package dev.mcpauth.oauth2.client.stepup;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.mcpauth.oauth2.client.McpAuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CL-18, CL-19, CL-20: which scopes the client asks for, and how often it may ask. */
class ScopeSelectionTest {

	@Test
	void challengeScopeWinsAndIsNotFilteredByScopesSupported() { // CL-18 rule 1, CL-19
		assertThat(ScopeSelection.initial("x:y mcp:connect", List.of("mcp:connect"))).containsExactly("x:y", "mcp:connect");
	}

	@Test
	void fallsBackToAllScopesSupported() { // CL-18 rule 2
		assertThat(ScopeSelection.initial(null, List.of("a", "b"))).containsExactly("a", "b");
		assertThat(ScopeSelection.initial("  ", List.of("a"))).containsExactly("a");
	}

	@Test
	void omitsTheScopeParameterWhenNothingIsDefined() { // CL-18 rule 3
		assertThat(ScopeSelection.parameter(ScopeSelection.initial(null, null))).isNull();
		assertThat(ScopeSelection.parameter(Set.of("one"))).isEqualTo("one");
	}

	@Test
	void stepUpRequestsTheUnionOfPreviousAndChallengedScopes() { // CL-20, checklist section 4.3
		Set<String> union = ScopeSelection.union(Set.of("mcp:connect"), "weather:read mcp:connect");

		assertThat(union).containsExactlyInAnyOrder("mcp:connect", "weather:read");
		assertThat(ScopeSelection.parameter(union).split(" ")).hasSize(2);
	}

	@Test
	void capsAuthorizationAttemptsPerCallAndResetsForTheNextCall() { // CL-20, auth/scope-retry-limit
		AuthorizationAttempts attempts = new AuthorizationAttempts(3);
		attempts.beginCall("get_weather");
		attempts.record("r");
		attempts.record("r");
		attempts.record("r");

		assertThatThrownBy(() -> attempts.record("scope never granted")).isInstanceOf(McpAuthorizationException.class)
			.hasMessage("giving up on get_weather after 3 authorization attempts: scope never granted");

		attempts.beginCall("whoami");
		attempts.record("r");
		assertThat(attempts.count()).isEqualTo(1);
	}

}
