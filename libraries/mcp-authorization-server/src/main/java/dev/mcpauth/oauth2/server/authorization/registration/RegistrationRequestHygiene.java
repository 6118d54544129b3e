package dev.mcpauth.oauth2.server.authorization.registration;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict types for an RFC 7591 registration request, checked on the raw JSON before Spring Authorization Server
 * binds it (which turns an object {@code client_name} into its {@code toString()} and reports binding failures with
 * exception and parser messages). Every problem maps to one fixed {@code error_description} that names the field;
 * nothing of the request or of an exception is echoed.
 *
 * <ul>
 * <li>the body is one UTF-8 JSON object (RFC 7591 §3.1, RFC 8259 §8.1), no repeated member, no trailing content,
 * nested at most {@value #MAX_DEPTH} levels;</li>
 * <li>string members (§2, including language-tagged {@code name#tag} variants, §2.2) are JSON strings;</li>
 * <li>{@code redirect_uris}, {@code grant_types}, {@code response_types}, {@code contacts} are arrays of strings of
 * bounded length; {@code jwks} is an object;</li>
 * <li>unknown members are ignored, as §2 requires, within the size and depth limits.</li>
 * </ul>
 * Errors about {@code redirect_uris} are {@code invalid_redirect_uri}, all others {@code invalid_client_metadata}
 * (§3.2.2). Values (allowed grant types, redirect URI rules, scopes) stay with {@link PublicClientRegistrationValidator}.
 */
public final class RegistrationRequestHygiene {

	static final int MAX_DEPTH = 32;

	static final int MAX_REDIRECT_URIS = 20;

	static final int MAX_SMALL_ARRAY = 10;

	static final int MAX_STRING_CHARS = 2048;

	private static final Set<String> STRINGS = Set.of("client_name", "client_uri", "logo_uri", "tos_uri", "policy_uri",
			"jwks_uri", "software_id", "software_version", "software_statement", "token_endpoint_auth_method",
			"scope");

	/** Human-readable members that may carry a BCP 47 language tag (RFC 7591 §2.2). */
	private static final Set<String> LOCALIZABLE = Set.of("client_name", "client_uri", "logo_uri", "tos_uri",
			"policy_uri");

	private static final Map<String, Integer> STRING_ARRAYS = Map.of("grant_types", MAX_SMALL_ARRAY, "response_types",
			MAX_SMALL_ARRAY, "contacts", MAX_SMALL_ARRAY);

	private final JsonMapper json = JsonMapper.builder(JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
		.build()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

	/**
	 * @param body the request body, already size-capped
	 * @throws Problem naming the first offending field
	 */
	public void check(byte[] body) {
		JsonNode request = parse(body);
		if (request == null || !request.isObject()) {
			throw new Problem(Problem.CLIENT_METADATA, "The registration request must be a JSON object");
		}
		JsonNode redirectUris = request.get("redirect_uris");
		if (redirectUris != null) {
			if (!isStringArray(redirectUris)) {
				throw new Problem(Problem.REDIRECT_URI, "redirect_uris must be an array of strings");
			}
			if (redirectUris.isEmpty()) {
				throw new Problem(Problem.REDIRECT_URI, "redirect_uris must name at least one redirect URI");
			}
			if (redirectUris.size() > MAX_REDIRECT_URIS) {
				throw new Problem(Problem.REDIRECT_URI, "redirect_uris has more than " + MAX_REDIRECT_URIS + " entries");
			}
			for (JsonNode uri : redirectUris) {
				if (uri.stringValue().length() > MAX_STRING_CHARS) {
					throw new Problem(Problem.REDIRECT_URI,
							"a redirect URI is longer than " + MAX_STRING_CHARS + " characters");
				}
			}
		}
		for (Iterator<Map.Entry<String, JsonNode>> members = request.properties().iterator(); members.hasNext();) {
			Map.Entry<String, JsonNode> member = members.next();
			checkMember(member.getKey(), member.getValue());
		}
	}

	private void checkMember(String name, JsonNode value) {
		String field = knownStringField(name);
		if (field != null) {
			if (!value.isString()) {
				throw new Problem(Problem.CLIENT_METADATA, field + " must be a string");
			}
			if (value.stringValue().length() > MAX_STRING_CHARS) {
				throw new Problem(Problem.CLIENT_METADATA, field + " is longer than " + MAX_STRING_CHARS + " characters");
			}
			return;
		}
		Integer maxEntries = STRING_ARRAYS.get(name);
		if (maxEntries != null) {
			if (!isStringArray(value)) {
				throw new Problem(Problem.CLIENT_METADATA, name + " must be an array of strings");
			}
			if (value.size() > maxEntries) {
				throw new Problem(Problem.CLIENT_METADATA, name + " has more than " + maxEntries + " entries");
			}
			return;
		}
		if ("jwks".equals(name) && !value.isObject()) {
			throw new Problem(Problem.CLIENT_METADATA, "jwks must be a JSON object");
		}
	}

	/**
	 * The field name to report, or {@code null} if {@code name} is not a string member. A language-tagged name is
	 * reported with its tag only if the tag is a plausible BCP 47 tag, so the description never echoes arbitrary
	 * request text.
	 */
	private static String knownStringField(String name) {
		if (STRINGS.contains(name)) {
			return name;
		}
		int hash = name.indexOf('#');
		if (hash > 0 && LOCALIZABLE.contains(name.substring(0, hash))) {
			String tag = name.substring(hash + 1);
			return tag.matches("[A-Za-z0-9-]{1,35}") ? name : name.substring(0, hash) + " (language-tagged)";
		}
		return null;
	}

	private static boolean isStringArray(JsonNode value) {
		if (!value.isArray()) {
			return false;
		}
		for (JsonNode element : value) {
			if (!element.isString()) {
				return false;
			}
		}
		return true;
	}

	private JsonNode parse(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return this.json.readTree(body);
		}
		catch (StreamConstraintsException ex) {
			throw new Problem(Problem.CLIENT_METADATA, "The registration request is nested too deeply");
		}
		catch (JacksonException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("Duplicate Object property")) {
				throw new Problem(Problem.CLIENT_METADATA, "The registration request repeats a field");
			}
			throw new Problem(Problem.CLIENT_METADATA, "The registration request is not valid JSON");
		}
	}

	/**
	 * One registration error: an RFC 7591 §3.2.2 code and a fixed description.
	 */
	public static final class Problem extends RuntimeException {

		static final String CLIENT_METADATA = "invalid_client_metadata";

		static final String REDIRECT_URI = "invalid_redirect_uri";

		private final String error;

		Problem(String error, String description) {
			super(description, null, false, false);
			this.error = error;
		}

		public String error() {
			return this.error;
		}

		public String description() {
			return getMessage();
		}

	}

}
