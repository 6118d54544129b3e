package dev.mcpauth.authserver.audit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data of an audit event, restricted to an allowlist of keys with short, non-secret values. Anything else is
 * dropped: an event can never carry a token, code, verifier, secret or request body by accident.
 */
public final class AuditData {

	static final Set<String> KEYS = Set.of("client_id", "client_kind", "client_name", "grant_type", "scope",
			"refresh_token_issued", "error", "remote_address", "redirect_uris", "changed");

	static final int MAX_CHARS = 200;

	private final Map<String, Object> values = new LinkedHashMap<>();

	public static AuditData of() {
		return new AuditData();
	}

	public AuditData with(String key, Object value) {
		if (!KEYS.contains(key) || value == null) {
			return this;
		}
		Object safe = sanitize(value);
		if (safe != null) {
			this.values.put(key, safe);
		}
		return this;
	}

	public AuditData withRemoteAddress() {
		return with("remote_address", CurrentRequest.remoteAddress());
	}

	public Map<String, Object> toMap() {
		return new LinkedHashMap<>(this.values);
	}

	/** The allowlisted part of arbitrary event data. */
	static Map<String, Object> filter(Map<String, Object> data) {
		AuditData filtered = new AuditData();
		data.forEach(filtered::with);
		return filtered.values;
	}

	private static Object sanitize(Object value) {
		if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
			return value;
		}
		if (value instanceof Collection<?> items) {
			TreeSet<String> strings = new TreeSet<>();
			items.forEach((item) -> strings.add(String.valueOf(item)));
			return truncate(String.join(" ", strings));
		}
		if (value instanceof CharSequence text) {
			return truncate(text.toString());
		}
		return null;
	}

	/** A principal name or other free text, cut to {@value #MAX_CHARS} characters without control characters. */
	static String text(String text) {
		return (text != null) ? truncate(text) : "";
	}

	private static String truncate(String text) {
		String clean = text.replaceAll("\\p{Cntrl}", "?");
		return (clean.length() > MAX_CHARS) ? clean.substring(0, MAX_CHARS) : clean;
	}

}
