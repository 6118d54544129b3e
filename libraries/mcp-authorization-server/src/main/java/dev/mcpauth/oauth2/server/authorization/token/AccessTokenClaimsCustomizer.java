package dev.mcpauth.oauth2.server.authorization.token;

import java.text.ParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;

import dev.mcpauth.oauth2.server.authorization.resource.ProtectedResources;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes access tokens as RFC 9068 JWT access tokens for MCP resource servers.
 *
 * <ul>
 * <li>{@code aud} is the resource bound to the grant at the authorization endpoint (RFC 8707 §2, checklist
 * AS-30), or for {@code client_credentials} the {@code resource} of the token request (checked by
 * {@code ClientCredentialsGrantProvider}), never the {@code client_id} Spring puts there by default: the MCP
 * server only accepts tokens whose audience is itself.</li>
 * <li>{@code client_id} names the client (RFC 9068 §2.2).</li>
 * <li>{@code scope} is a space-delimited string (RFC 9068 §2.2.3), not the JSON array Spring writes.</li>
 * <li>{@code cnf.jkt}, the RFC 7638 SHA-256 thumbprint of the DPoP proof's key, when the token request carried a
 * verified DPoP proof (RFC 9449 §6.1); Spring adds it only in its own default customizer, which this one
 * replaces.</li>
 * </ul>
 * {@code iss}, {@code sub}, {@code iat}, {@code exp} and {@code jti} come from the framework's JWT generator.
 * Claim values stay within the JDK types the JDBC authorization store's Jackson allowlist accepts (hence
 * {@code Collections.singletonList}, not {@code List.of}), because the claims are stored with the token.
 */
public final class AccessTokenClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		String resource = resource(context);
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
		Jwt proof = context.get(OAuth2TokenContext.DPOP_PROOF_KEY);
		if (proof != null) {
			Map<String, Object> confirmation = new HashMap<>();
			confirmation.put("jkt", thumbprint(proof));
			context.getClaims().claim("cnf", confirmation);
		}
	}

	private static String resource(JwtEncodingContext context) {
		if (context.getAuthorization() != null) {
			return ProtectedResources.boundResource(context.getAuthorization());
		}
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
				&& context.getAuthorizationGrant() instanceof OAuth2ClientCredentialsAuthenticationToken request
				&& request.getAdditionalParameters().get(ProtectedResources.PARAMETER) instanceof String resource) {
			return resource;
		}
		return null;
	}

	/** RFC 9449 §6.1: base64url of the RFC 7638 SHA-256 thumbprint of the proof's public key. */
	private static String thumbprint(Jwt proof) {
		OAuth2AuthenticationException invalid = new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "The proof's jwk header is invalid", null));
		if (!(proof.getHeaders().get("jwk") instanceof Map<?, ?> jwk)) {
			throw invalid;
		}
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> members = (Map<String, Object>) jwk;
			return JWK.parse(members).computeThumbprint().toString();
		}
		catch (ParseException | JOSEException ex) {
			throw invalid;
		}
	}

}
