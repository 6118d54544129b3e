package dev.mcpauth.oauth2.server.resource.challenge;

import java.util.List;
import java.util.stream.IntStream;

import dev.mcpauth.oauth2.server.resource.metadata.ProtectedResource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parameter values of the challenges (RFC 6750 section 3, RFC 9728 section 5.1): quoted with only the characters
 * the grammar allows, and never cut where a client acts on the value.
 */
class BearerChallengeValuesTest {

	private static final String LONG_RESOURCE = "https://mcp.example.test/" + "tenant/".repeat(60) + "mcp";

	private final BearerChallenge challenge = new BearerChallenge(ProtectedResource.of(LONG_RESOURCE));

	@Test
	void rs03LongResourceMetadataUrlIsSentWhole() {
		String metadataUrl = ProtectedResource.of(LONG_RESOURCE).metadataUrl();

		assertThat(this.challenge.missingToken()).isEqualTo(
				"Bearer resource_metadata=\"" + metadataUrl + "\", scope=\"mcp:connect\"");
		assertThat(this.challenge.error("invalid_token", "expired")).contains("resource_metadata=\"" + metadataUrl + "\"");
	}

	@Test
	void rs12EveryChallengedScopeIsSentWhateverTheirNumber() {
		List<String> scopes = IntStream.range(0, 40).mapToObj(i -> "tools:scope-number-" + i).toList();

		assertThat(this.challenge.insufficientScope(scopes, "needs more"))
			.contains("scope=\"" + String.join(" ", scopes) + "\"");
	}

	@Test
	void descriptionIsShortenedAndHoldsOnlyQuotedStringCharacters() {
		String value = this.challenge.error("invalid_token", "a \"quoted\" \\ line\r\nnext é" + "x".repeat(500));

		String description = value.replaceAll(".*error_description=\"([^\"]*)\".*", "$1");
		assertThat(description).startsWith("a ?quoted? ? line??next ?").hasSize(300);
	}

}
