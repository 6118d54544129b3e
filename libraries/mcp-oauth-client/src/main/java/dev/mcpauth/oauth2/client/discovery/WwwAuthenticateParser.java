package dev.mcpauth.oauth2.client.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code WWW-Authenticate} field values into challenges following the grammar of RFC 9110 section 11.6.1:
 *
 * <pre>
 * WWW-Authenticate = #challenge
 * challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * auth-param       = token BWS "=" BWS ( token / quoted-string )
 * </pre>
 *
 * A header may carry several challenges, and a response may carry several headers (CL-01). The comma is both the
 * challenge separator and the parameter separator, so a new challenge is recognised by a token that is not followed by
 * {@code =}. Quoted strings may contain commas and backslash escapes (RFC 9110 section 5.6.4). The parser is lenient:
 * malformed input yields the challenges that could be read, never an exception, because the header comes from the
 * network.
 */
public final class WwwAuthenticateParser {

	public List<Challenge> parse(List<String> headerValues) {
		List<Challenge> challenges = new ArrayList<>();
		for (String value : headerValues) {
			challenges.addAll(new Cursor(value).challenges());
		}
		return challenges;
	}

	public List<Challenge> parse(String headerValue) {
		return parse(List.of(headerValue));
	}

	/** The first Bearer challenge, the one RFC 6750 and MCP authorization speak about. */
	public Optional<Challenge> bearer(List<String> headerValues) {
		return parse(headerValues).stream().filter(challenge -> challenge.isScheme("Bearer")).findFirst();
	}

	/**
	 * The challenge the MCP authorization flow reads ({@code resource_metadata}, {@code scope}, {@code error}): the
	 * first {@code DPoP} challenge when {@code preferDpop} (a DPoP-bound token was sent), else the first
	 * {@code Bearer} one, else the first of the other of the two schemes (a server that accepts only DPoP challenges
	 * with {@code DPoP}, RFC 9449 section 7.1).
	 */
	public Optional<Challenge> authorization(List<String> headerValues, boolean preferDpop) {
		List<Challenge> challenges = parse(headerValues);
		String first = preferDpop ? "DPoP" : "Bearer";
		String second = preferDpop ? "Bearer" : "DPoP";
		return challenges.stream()
			.filter(challenge -> challenge.isScheme(first))
			.findFirst()
			.or(() -> challenges.stream().filter(challenge -> challenge.isScheme(second)).findFirst());
	}

	private static final class Cursor {

		private final String text;

		private int pos;

		Cursor(String text) {
			this.text = text == null ? "" : text;
		}

		List<Challenge> challenges() {
			List<Challenge> result = new ArrayList<>();
			while (true) {
				skipWhitespaceAndCommas();
				if (atEnd()) {
					return result;
				}
				String scheme = token();
				if (scheme.isEmpty()) {
					this.pos++; // not a token character: skip it and resynchronise
					continue;
				}
				result.add(challengeBody(scheme));
			}
		}

		private Challenge challengeBody(String scheme) {
			Map<String, String> params = new LinkedHashMap<>();
			String token68 = null;
			int afterScheme = this.pos;
			skipWhitespace();
			if (this.pos == afterScheme || atEnd() || peek() == ',') {
				return new Challenge(scheme, null, params); // a bare scheme, e.g. "Negotiate, Bearer ..."
			}
			if (!readParam(params)) {
				token68 = token68();
			}
			while (true) {
				skipWhitespace();
				if (atEnd()) {
					return new Challenge(scheme, token68, params);
				}
				if (peek() != ',') {
					this.pos++; // garbage between items: skip it
					continue;
				}
				skipWhitespaceAndCommas();
				if (atEnd()) {
					return new Challenge(scheme, token68, params);
				}
				if (!readParam(params)) {
					return new Challenge(scheme, token68, params); // a token without "=": the next scheme
				}
			}
		}

		/** Reads {@code name BWS "=" BWS value}; rewinds and returns false if the input is not an auth-param. */
		private boolean readParam(Map<String, String> params) {
			int start = this.pos;
			String name = token();
			if (name.isEmpty()) {
				this.pos = start;
				return false;
			}
			skipWhitespace();
			if (atEnd() || peek() != '=') {
				this.pos = start;
				return false;
			}
			this.pos++;
			skipWhitespace();
			String value;
			if (!atEnd() && peek() == '"') {
				value = quotedString();
			}
			else {
				value = token();
				if (value.isEmpty()) {
					this.pos = start; // "abc==" is a token68, not a parameter
					return false;
				}
			}
			// RFC 6750 section 3: scope, error, ... MUST NOT appear more than once; the first one wins.
			params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
			return true;
		}

		private String quotedString() {
			StringBuilder value = new StringBuilder();
			this.pos++; // opening quote
			while (!atEnd()) {
				char c = this.text.charAt(this.pos++);
				if (c == '\\' && !atEnd()) {
					value.append(this.text.charAt(this.pos++)); // quoted-pair
				}
				else if (c == '"') {
					return value.toString();
				}
				else {
					value.append(c);
				}
			}
			return value.toString(); // unterminated: keep what was read
		}

		private String token() {
			int start = this.pos;
			while (!atEnd() && isTchar(peek())) {
				this.pos++;
			}
			return this.text.substring(start, this.pos);
		}

		private String token68() {
			int start = this.pos;
			while (!atEnd() && (Character.isLetterOrDigit(peek()) || "-._~+/".indexOf(peek()) >= 0)) {
				this.pos++;
			}
			while (!atEnd() && peek() == '=') {
				this.pos++;
			}
			return this.text.substring(start, this.pos);
		}

		private static boolean isTchar(char c) {
			return (c < 128 && Character.isLetterOrDigit(c)) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
		}

		private void skipWhitespace() {
			while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
				this.pos++;
			}
		}

		private void skipWhitespaceAndCommas() {
			while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
				this.pos++;
			}
		}

		private char peek() {
			return this.text.charAt(this.pos);
		}

		private boolean atEnd() {
			return this.pos >= this.text.length();
		}

	}

}
