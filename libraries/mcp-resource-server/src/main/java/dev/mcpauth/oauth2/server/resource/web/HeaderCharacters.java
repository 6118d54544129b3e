package dev.mcpauth.oauth2.server.resource.web;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} rules for header names, header values and parameter names, as
 * character loops instead of the regular expressions it evaluates on every header a request reads.
 *
 * <ul>
 * <li>Header and parameter names: every code point is assigned and not an ISO control character, exactly
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} ({@link #isAssignedAndNotControl(String)}).</li>
 * <li>Header values: the same, with horizontal tab allowed, exactly
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} ({@link #isValidHeaderValue(String)}).</li>
 * </ul>
 * The loops accept printable US-ASCII ({@code 0x20..0x7E}) without a table lookup, which is every character of a
 * bearer token, a JSON media type or a session id; any other character is judged by
 * {@link Character#getType(int)} per code point, as the pattern's {@code IsAssigned} and {@code IsControl}
 * predicates are. The strings they accept are therefore exactly those the patterns accept (proved over generated
 * strings by {@code HeaderCharactersTests}); nothing else of the firewall changes.
 */
public final class HeaderCharacters {

	private HeaderCharacters() {
	}

	/**
	 * A {@link StrictHttpFirewall} with its defaults, and these predicates for header names and values and parameter
	 * names (parameter values stay unchecked, as by default).
	 * @return the firewall
	 */
	public static StrictHttpFirewall strictHttpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		Predicate<String> names = HeaderCharacters::isAssignedAndNotControl;
		firewall.setAllowedHeaderNames(names);
		firewall.setAllowedHeaderValues(HeaderCharacters::isValidHeaderValue);
		firewall.setAllowedParameterNames(names);
		return firewall;
	}

	/**
	 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: header and parameter names.
	 * @param name the string
	 * @return whether every code point is assigned and not a control character
	 */
	public static boolean isAssignedAndNotControl(String name) {
		return check(name, false);
	}

	/**
	 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: header values.
	 * @param value the string
	 * @return whether every code point is assigned and either not a control character or a tab
	 */
	public static boolean isValidHeaderValue(String value) {
		return check(value, true);
	}

	private static boolean check(String value, boolean tab) {
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7E) {
				return (c == '\t') ? tab && check(value, i + 1, tab) : check(value, i, tab);
			}
		}
		return true;
	}

	private static boolean check(String value, int from, boolean tab) {
		int length = value.length();
		int i = from;
		while (i < length) {
			int codePoint = value.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
