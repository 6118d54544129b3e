package dev.mcpauth.oauth2.server.resource.challenge;

import java.util.Collection;
import java.util.StringJoiner;

import dev.mcpauth.oauth2.server.resource.metadata.ProtectedResource;
import dev.mcpauth.oauth2.server.resource.scope.Scopes;

/**
 * Builds the exact {@code WWW-Authenticate} values this server sends (checklist section 4.2).
 *
 * <pre>
 * 401, no token:        Bearer resource_metadata="…", scope="mcp:connect"
 * 401, bad token:       Bearer error="invalid_token", error_description="…", resource_metadata="…", scope="mcp:connect"
 * 400, malformed:       Bearer error="invalid_request", error_description="…", resource_metadata="…"
 * 403, missing scope:   Bearer error="insufficient_scope", scope="mcp:connect weather:read", resource_metadata="…", error_description="…"
 * </pre>
 */
public class BearerChallenge {

	/** {@code error_description} is a hint for developers (RFC 6750 section 3): kept short. */
	private static final int MAX_DESCRIPTION = 300;

	private final String metadataUrl;

	private final String baseScope;

	/**
	 * With the default base scope {@link Scopes#CONNECT}.
	 * @param protectedResource where the metadata lives
	 */
	public BearerChallenge(ProtectedResource protectedResource) {
		this(protectedResource, Scopes.CONNECT);
	}

	/**
	 * @param protectedResource where the metadata lives
	 * @param baseScope the scope named by the 401 challenges
	 */
	public BearerChallenge(ProtectedResource protectedResource, String baseScope) {
		this.metadataUrl = protectedResource.metadataUrl();
		this.baseScope = baseScope;
	}

	/**
	 * No credentials: OAuth 2.1 section 5.3.2 says the error code SHOULD be omitted; MCP asks for
	 * {@code resource_metadata} (RFC 9728 section 5.1) and the base {@code scope} (MCP "Scope Selection Strategy").
	 */
	public String missingToken() {
		return "Bearer resource_metadata=" + quote(this.metadataUrl) + ", scope=" + quote(this.baseScope);
	}

	/** A presented token that was refused: {@code invalid_token} (401) or {@code invalid_request} (400). */
	public String error(String errorCode, String description) {
		StringJoiner challenge = new StringJoiner(", ", "Bearer ", "");
		challenge.add("error=" + quote(errorCode));
		if (description != null && !description.isBlank()) {
			challenge.add("error_description=" + quote(shortened(description)));
		}
		challenge.add("resource_metadata=" + quote(this.metadataUrl));
		if ("invalid_token".equals(errorCode)) {
			challenge.add("scope=" + quote(this.baseScope));
		}
		return challenge.toString();
	}

	/** MCP "Runtime Insufficient Scope Errors": 403 naming the scopes to re-authorize with. */
	public String insufficientScope(Collection<String> scopes, String description) {
		return "Bearer error=\"insufficient_scope\", scope=" + quote(String.join(" ", scopes)) + ", resource_metadata="
				+ quote(this.metadataUrl) + ", error_description=" + quote(shortened(description));
	}

	/**
	 * RFC 6750 section 3: values are quoted-strings whose characters are limited to %x20-21 / %x23-5B / %x5D-7E,
	 * so anything else (quotes, backslashes, control and non-ASCII characters) is replaced rather than escaped. The
	 * value is never cut: a shortened {@code resource_metadata} URL or {@code scope} list would send the client to
	 * the wrong place or make it ask for the wrong scopes. The DPoP challenges (RFC 9449 section 7.1) quote the same
	 * way.
	 */
	public static String quote(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		value.chars().forEach(c -> quoted.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? (char) c : '?'));
		return quoted.append('"').toString();
	}

	/** An {@code error_description} cut to the length every challenge of this server allows. */
	public static String shortened(String description) {
		return description.length() <= MAX_DESCRIPTION ? description : description.substring(0, MAX_DESCRIPTION);
	}

}
