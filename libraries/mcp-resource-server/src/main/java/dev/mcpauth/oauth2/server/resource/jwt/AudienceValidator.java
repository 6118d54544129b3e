package dev.mcpauth.oauth2.server.resource.jwt;

import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * MCP "Token Handling" / "Access Token Privilege Restriction": a token is accepted only if its {@code aud} contains
 * this server's canonical resource URI (checklist RS-07, RS-09). A token minted for another resource, or with the
 * client id as audience (Spring Authorization Server's default), is refused.
 *
 * <p>MCP "Canonical Server URI" says implementations SHOULD accept uppercase scheme and host components, so those two
 * are compared case-insensitively (checklist RS-14), as RFC 3986 section 6.2.2.1 allows: ASCII letters only, because
 * a host is ASCII (internationalized names travel as A-labels) and {@code String.toLowerCase} would also map
 * non-ASCII characters such as U+212A KELVIN SIGN onto ASCII ones. Everything else, the path included, must match
 * exactly (RFC 7519 section 4.1.3: the values are case-sensitive strings).
 */
public final class AudienceValidator implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2Error WRONG_AUDIENCE = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token was not issued for this resource (aud)", null);

	private final String resource;

	public AudienceValidator(String resource) {
		this.resource = normalize(resource);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		List<String> audience = jwt.getAudience();
		if (audience != null && audience.stream().map(AudienceValidator::normalize).anyMatch(this.resource::equals)) {
			return OAuth2TokenValidatorResult.success();
		}
		return OAuth2TokenValidatorResult.failure(WRONG_AUDIENCE);
	}

	/**
	 * Lower-cases the ASCII letters of the scheme and authority (everything before the path); the path, query and
	 * fragment keep their case. Userinfo never appears in a canonical resource URI, so folding it too changes nothing
	 * that could match.
	 */
	static String normalize(String uri) {
		int schemeEnd = uri.indexOf("://");
		if (schemeEnd < 0) {
			return uri;
		}
		int pathStart = uri.length();
		for (int i = schemeEnd + 3; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (c == '/' || c == '?' || c == '#') {
				pathStart = i;
				break;
			}
		}
		StringBuilder folded = new StringBuilder(uri.length());
		for (int i = 0; i < pathStart; i++) {
			char c = uri.charAt(i);
			folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
		}
		return folded.append(uri, pathStart, uri.length()).toString();
	}

}
