package dev.mcpauth.oauth2.server.resource.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's character loops accept exactly the strings Spring Security's {@link StrictHttpFirewall} patterns
 * accept (the patterns are copied here as the reference), over every single code point class and many generated
 * strings, and the firewall built with them rejects what the default one rejects.
 */
class HeaderCharactersTest {

	/** {@code StrictHttpFirewall}'s header and parameter name pattern. */
	private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	/** {@code StrictHttpFirewall}'s header value pattern. */
	private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	/** Characters where the rules change, and where the fast path ends. */
	private static final int[] EDGES = { 0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, '|', 0x7E, 0x7F, 0x80, 0x9F, 0xA0,
			0xAD, 0x0378, 0x2028, 0x2029, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFEFF, 0xFFFE, 0xFFFF,
			0x1F600, 0x10FFFF, 0xE0001, 0x30000, 0x3FFFD };

	@Test
	void everyCodePointAloneIsJudgedAsThePatternsJudgeIt() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String one = new String(Character.toChars(codePoint));
			assertSame(one);
			assertSame("Bearer " + one);
		}
	}

	@Test
	void generatedStringsAreJudgedAsThePatternsJudgeThem() {
		SplittableRandom random = new SplittableRandom(18);
		for (int n = 0; n < 200_000; n++) {
			assertSame(generate(random));
		}
	}

	@Test
	void typicalHeadersPassAndControlCharactersDoNot() {
		assertThat(HeaderCharacters.isValidHeaderValue("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln")).isTrue();
		assertThat(HeaderCharacters.isValidHeaderValue("application/json, text/event-stream")).isTrue();
		assertThat(HeaderCharacters.isValidHeaderValue("a\tb")).isTrue();
		assertThat(HeaderCharacters.isAssignedAndNotControl("a\tb")).isFalse();
		assertThat(HeaderCharacters.isValidHeaderValue("a\r\nb")).isFalse();
		assertThat(HeaderCharacters.isValidHeaderValue("caf\u00e9")).isTrue();
		assertThat(HeaderCharacters.isValidHeaderValue("\u0085")).isFalse();
		assertThat(HeaderCharacters.isValidHeaderValue("\u0378")).isFalse();
		assertThat(HeaderCharacters.isValidHeaderValue("")).isTrue();
	}

	@Test
	void theFirewallRejectsWhatTheDefaultFirewallRejects() {
		StrictHttpFirewall ours = HeaderCharacters.strictHttpFirewall();
		StrictHttpFirewall standard = new StrictHttpFirewall();
		for (String value : List.of("ok", "tab\there", "new\nline", "nul\u0000", "del\u007f", "c1\u0090",
				"unassigned\u0378", "emoji\uD83D\uDE00", "lone\uD800", "\u00e9t\u00e9")) {
			boolean rejectedByStandard = rejectsHeader(standard, "X-Test", value);
			assertThat(rejectsHeader(ours, "X-Test", value)).as("value %s", escape(value)).isEqualTo(rejectedByStandard);
			boolean nameRejectedByStandard = rejectsHeader(standard, "X-" + value, "v");
			assertThat(rejectsHeader(ours, "X-" + value, "v")).as("name %s", escape(value))
				.isEqualTo(nameRejectedByStandard);
			assertThat(rejectsParameter(ours, "p" + value)).as("parameter %s", escape(value))
				.isEqualTo(rejectsParameter(standard, "p" + value));
		}
		assertThat(rejectsHeader(ours, "X-Test", "new\nline")).isTrue();
		assertThat(rejectsParameter(ours, "bad\u0001")).isTrue();
	}

	private static boolean rejectsParameter(StrictHttpFirewall firewall, String name) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/mcp");
		request.addParameter(name, "x");
		try {
			HttpServletRequest firewalled = firewall.getFirewalledRequest(request);
			firewalled.getParameterMap();
			Collections.list(firewalled.getParameterNames());
			firewalled.getParameter(name);
			return false;
		}
		catch (RequestRejectedException ex) {
			return true;
		}
	}

	private static boolean rejectsHeader(StrictHttpFirewall firewall, String name, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.addHeader(name, value);
		try {
			firewall.getFirewalledRequest(request).getHeader(name);
			return false;
		}
		catch (RequestRejectedException ex) {
			return true;
		}
	}

	private static void assertSame(String value) {
		assertThat(HeaderCharacters.isAssignedAndNotControl(value)).as("name %s", escape(value))
			.isEqualTo(NAMES.matcher(value).matches());
		assertThat(HeaderCharacters.isValidHeaderValue(value)).as("value %s", escape(value))
			.isEqualTo(VALUES.matcher(value).matches());
	}

	/** Mostly printable ASCII with edge characters, lone and paired surrogates and random code points mixed in. */
	private static String generate(SplittableRandom random) {
		int length = random.nextInt(0, 40);
		StringBuilder value = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int kind = random.nextInt(10);
			if (kind < 6) {
				value.append((char) random.nextInt(0x20, 0x7F));
			}
			else if (kind < 8) {
				value.appendCodePoint(EDGES[random.nextInt(EDGES.length)]);
			}
			else if (kind < 9) {
				value.append((char) random.nextInt(0, 0x10000));
			}
			else {
				value.appendCodePoint(random.nextInt(0, Character.MAX_CODE_POINT + 1));
			}
		}
		return value.toString();
	}

	private static String escape(String value) {
		List<String> codePoints = new ArrayList<>();
		value.codePoints().forEach((c) -> codePoints.add(Integer.toHexString(c)));
		return codePoints.toString();
	}

}
