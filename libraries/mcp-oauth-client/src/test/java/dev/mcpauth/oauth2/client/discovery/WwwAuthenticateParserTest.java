package dev.mcpauth.oauth2.client.discovery;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CL-01: RFC 9110 section 11.6.1 challenges, as MCP servers and proxies send them. */
class WwwAuthenticateParserTest {

	private final WwwAuthenticateParser parser = new WwwAuthenticateParser();

	@Test
	void findsBearerAfterABareSchemeInTheSameHeader() { // CL-01 checklist example
		List<Challenge> challenges = this.parser.parse("Negotiate, Bearer realm=\"x\", "
				+ "resource_metadata=\"https://mcp.example.test/.well-known/oauth-protected-resource/mcp\", scope=\"a b\"");

		assertThat(challenges).extracting(Challenge::scheme).containsExactly("Negotiate", "Bearer");
		Challenge bearer = challenges.get(1);
		assertThat(bearer.param("realm")).contains("x");
		assertThat(bearer.param("resource_metadata"))
			.contains("https://mcp.example.test/.well-known/oauth-protected-resource/mcp");
		assertThat(bearer.param("scope")).contains("a b");
	}

	@Test
	void readsChallengesSpreadOverSeveralHeaders() {
		List<Challenge> challenges = this.parser
			.parse(List.of("Basic realm=\"legacy\"", "Bearer error=\"insufficient_scope\", scope=\"mcp:connect weather:read\""));

		assertThat(challenges).extracting(Challenge::scheme).containsExactly("Basic", "Bearer");
		assertThat(this.parser.bearer(List.of("Basic realm=\"legacy\"", "Bearer scope=\"s\"")).flatMap(c -> c.param("scope")))
			.contains("s");
	}

	@Test
	void keepsCommasAndUnescapesQuotedPairsInsideQuotedStrings() {
		Challenge bearer = this.parser
			.parse("Bearer error_description=\"needs \\\"weather\\\", then retry\", error=invalid_token")
			.get(0);

		assertThat(bearer.param("error_description")).contains("needs \"weather\", then retry");
		assertThat(bearer.param("error")).contains("invalid_token");
	}

	@Test
	void treatsSchemeAndParameterNamesCaseInsensitively() {
		Challenge bearer = this.parser.parse("bEaReR SCOPE=\"mcp:connect\" , Resource_Metadata = \"https://r/x\"").get(0);

		assertThat(bearer.isScheme("Bearer")).isTrue();
		assertThat(bearer.param("scope")).contains("mcp:connect");
		assertThat(bearer.param("resource_metadata")).contains("https://r/x");
	}

	@Test
	void readsToken68AndStartsTheNextChallengeAfterIt() {
		List<Challenge> challenges = this.parser.parse("Negotiate YIIBhwYGKwYBBQUCoIIBezCC+w==, Bearer scope=\"a\"");

		assertThat(challenges).hasSize(2);
		assertThat(challenges.get(0).token68()).isEqualTo("YIIBhwYGKwYBBQUCoIIBezCC+w==");
		assertThat(challenges.get(0).params()).isEmpty();
		assertThat(challenges.get(1).param("scope")).contains("a");
	}

	@Test
	void keepsTheFirstOfRepeatedParametersAndSurvivesGarbage() {
		assertThat(this.parser.parse("Bearer scope=\"first\", scope=\"second\"").get(0).param("scope")).contains("first");
		assertThat(this.parser.parse("Bearer scope=\"unterminated").get(0).param("scope")).contains("unterminated");
		assertThat(this.parser.parse(",,  ,")).isEmpty();
		assertThat(this.parser.parse("=== Bearer")).extracting(Challenge::scheme).contains("Bearer");
		assertThat(this.parser.bearer(List.of())).isEmpty();
	}


	@Test
	void readsTheRfc9110Example() { // RFC 9110 section 11.6.1: token and quoted-string values, an escaped quote
		List<Challenge> challenges = this.parser
			.parse("Basic realm=\"simple\", Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\"");

		assertThat(challenges).extracting(Challenge::scheme).containsExactly("Basic", "Newauth");
		assertThat(challenges.get(0).params()).containsOnly(java.util.Map.entry("realm", "simple"));
		assertThat(challenges.get(1).params()).containsOnly(java.util.Map.entry("realm", "apps"),
				java.util.Map.entry("type", "1"), java.util.Map.entry("title", "Login to \"apps\""));
	}

	@Test
	void findsABareBearerAfterAnotherChallengesParameters() { // then discovery falls back to the well-known URLs
		assertThat(this.parser.bearer(List.of("Basic realm=\"x\", Bearer"))).hasValueSatisfying(bearer -> {
			assertThat(bearer.params()).isEmpty();
			assertThat(bearer.token68()).isNull();
		});
	}

	@Test
	void toleratesTabsAndSpacesAroundEqualsAndEmptyListElements() { // RFC 9110 sections 5.6.1 (#rule) and 11.2 (BWS)
		Challenge bearer = this.parser.parse(",Bearer\tscope =\t\"a b\" , ,error= insufficient_scope,").get(0);

		assertThat(bearer.param("scope")).contains("a b");
		assertThat(bearer.param("error")).contains("insufficient_scope");
	}

	@Test
	void keepsAnEmptyQuotedValueAndABackslashAtTheEnd() {
		Challenge bearer = this.parser.parse("Bearer scope=\"\", error_description=\"ends with \\\\\"").get(0);

		assertThat(bearer.param("scope")).contains("");
		assertThat(bearer.param("error_description")).contains("ends with \\");
	}

}
