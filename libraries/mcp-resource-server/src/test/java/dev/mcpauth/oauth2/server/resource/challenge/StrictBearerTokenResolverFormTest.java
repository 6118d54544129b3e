package dev.mcpauth.oauth2.server.resource.challenge;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RS-13: the character loop of {@link StrictBearerTokenResolver#token(String)} accepts exactly the credentials the
 * former pattern accepted ({@code ^Bearer +([A-Za-z0-9\-._~+/]+=*)$}, case-insensitive), and yields the same token.
 */
class StrictBearerTokenResolverFormTest {

	private static final Pattern FORM = Pattern.compile(StrictBearerTokenResolver.FORM, Pattern.CASE_INSENSITIVE);

	private static final String ALPHABET = "AZaz09-._~+/= \t\n\r,;:\"'%\u00e9\u212a\u0130\u0131\u017fBEARERbearer";

	@Test
	void typicalAndMalformedCredentialsAreJudgedAsThePatternJudgesThem() {
		for (String credentials : List.of("Bearer abc", "bearer abc", "BEARER abc", "Bearer  abc", "Bearer abc==",
				"Bearer a=b", "Bearer ", "Bearer", "Bearer =", "Bearer abc ", "Bearer abc\n", " Bearer abc",
				"Bearer\tabc", "Bearer abc def", "BearerX abc", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln-_",
				"Bearer a+b/c~d", "Bearer \u00e9", "Be\u0430rer abc", "Bearer ab%63", "Bearer abc=\u0000")) {
			assertSame(credentials);
		}
	}

	@Test
	void generatedCredentialsAreJudgedAsThePatternJudgesThem() {
		SplittableRandom random = new SplittableRandom(13);
		for (int n = 0; n < 200_000; n++) {
			StringBuilder credentials = new StringBuilder();
			if (random.nextInt(4) != 0) {
				String scheme = "Bearer";
				for (char c : scheme.toCharArray()) {
					credentials.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
				}
				credentials.append(" ".repeat(random.nextInt(0, 3)));
			}
			int length = random.nextInt(0, 12);
			for (int i = 0; i < length; i++) {
				credentials.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
			}
			assertSame(credentials.toString());
		}
	}

	private static void assertSame(String credentials) {
		Matcher matcher = FORM.matcher(credentials);
		String expected = matcher.matches() ? matcher.group(1) : null;
		assertThat(StrictBearerTokenResolver.token(credentials)).as("credentials [%s]", credentials).isEqualTo(expected);
	}

}
