package dev.mcpauth.oauth2.client.authorization;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import dev.mcpauth.oauth2.client.McpAuthorizationException;

/**
 * The parameters of the redirect back to the client (OAuth 2.1 section 4.1.2 and 4.1.2.1, RFC 9207). {@code toString}
 * hides the code.
 */
public record AuthorizationResponse(String code, String state, String iss, String error, String errorDescription) {

	public static AuthorizationResponse fromRedirect(URI redirect) {
		Map<String, String> params = new HashMap<>();
		String query = redirect.getRawQuery();
		if (query != null) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				String name = decode(eq < 0 ? pair : pair.substring(0, eq));
				String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
				params.putIfAbsent(name, value);
			}
		}
		return new AuthorizationResponse(params.get("code"), params.get("state"), params.get("iss"),
				params.get("error"), params.get("error_description"));
	}

	/**
	 * Checks the response against the request before the code is used: {@code state} must match (CL-09, MCP
	 * "discard any results that do not include or have a mismatch"), and {@code iss} must equal the issuer when it is
	 * present, and be present when the server advertises it (RFC 9207 section 2.4, CL-10). Simple string comparison,
	 * no normalisation.
	 * @return the authorization code
	 */
	public String validatedCode(String expectedState, String expectedIssuer, boolean issAdvertised) {
		if (this.state == null || !this.state.equals(expectedState)) {
			throw new McpAuthorizationException("authorization response rejected: state is missing or does not match the request");
		}
		if (this.iss != null && !this.iss.equals(expectedIssuer)) {
			throw new McpAuthorizationException("authorization response rejected: iss " + this.iss + " is not the issuer "
					+ expectedIssuer + " (RFC 9207 mix-up defence)");
		}
		if (this.iss == null && issAdvertised) {
			throw new McpAuthorizationException("authorization response rejected: the authorization server advertises "
					+ "authorization_response_iss_parameter_supported but sent no iss (RFC 9207 section 2.4)");
		}
		if (this.error != null) {
			throw new McpAuthorizationException("authorization server refused the authorization request: " + this.error
					+ (this.errorDescription != null ? " (" + this.errorDescription + ")" : ""));
		}
		if (this.code == null || this.code.isEmpty()) {
			throw new McpAuthorizationException("authorization response carries no code");
		}
		return this.code;
	}

	@Override
	public String toString() {
		return "AuthorizationResponse[state=" + this.state + ", iss=" + this.iss + ", error=" + this.error
				+ ", code=" + (this.code == null ? "none" : "(hidden)") + "]";
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
