package dev.mcpauth.oauth2.server.authorization.token;

import java.util.Collections;
import java.util.TreeSet;

import dev.mcpauth.oauth2.server.authorization.resource.ProtectedResources;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes access tokens as RFC 9068 JWT access tokens for MCP resource servers.
 *
 * <ul>
 * <li>{@code aud} is the resource bound to the grant at the authorization endpoint (RFC 8707 §2, checklist
 * AS-30), never the {@code client_id} Spring puts there by default: the MCP server only accepts tokens whose
 * audience is itself.</li>
 * <li>{@code client_id} names the client (RFC 9068 §2.2).</li>
 * <li>{@code scope} is a space-delimited string (RFC 9068 §2.2.3), not the JSON array Spring writes.</li>
 * </ul>
 * {@code iss}, {@code sub}, {@code iat}, {@code exp} and {@code jti} come from the framework's JWT generator.
 * Claim values stay within the JDK types the JDBC authorization store's Jackson allowlist accepts (hence
 * {@code Collections.singletonList}, not {@code List.of}), because the claims are stored with the token.
 */
public final class AccessTokenClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()) || context.getAuthorization() == null) {
			return;
		}
		String resource = ProtectedResources.boundResource(context.getAuthorization());
		if (resource == null) {
			// every grant this server offers binds a resource; refuse rather than mint an unbounded token
			throw new OAuth2AuthenticationException(new OAuth2Error(ProtectedResources.INVALID_TARGET,
					"No resource is bound to this grant", null));
		}
		context.getClaims()
			.audience(Collections.singletonList(resource))
			.claim("client_id", context.getRegisteredClient().getClientId())
			.claims((claims) -> {
				if (context.getAuthorizedScopes().isEmpty()) {
					claims.remove(OAuth2ParameterNames.SCOPE);
				}
				else {
					claims.put(OAuth2ParameterNames.SCOPE, String.join(" ", new TreeSet<>(context.getAuthorizedScopes())));
				}
			});
	}

}
