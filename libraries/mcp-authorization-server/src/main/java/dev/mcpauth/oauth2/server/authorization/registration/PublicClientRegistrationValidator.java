package dev.mcpauth.oauth2.server.authorization.registration;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mcpauth.oauth2.server.authorization.redirect.RedirectUriRules;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;

/**
 * Open dynamic registration (RFC 7591) admits public clients only (checklist AS-15): they authenticate with PKCE,
 * so an anonymous registration hands out no credential. Errors use RFC 7591 §3.2.2 codes.
 *
 * <ul>
 * <li>{@code redirect_uris} required, each allowed by {@link RedirectUriRules};</li>
 * <li>{@code token_endpoint_auth_method} omitted or {@code none} (omitted means {@code none} here, as for CIMD);</li>
 * <li>{@code grant_types} within {@code authorization_code} and {@code refresh_token};
 * {@code response_types} within {@code code};</li>
 * <li>{@code scope}, if sent, only scopes this server knows. Unlike Spring's default, which refuses any scope, so
 * that clients like the MCP Inspector that send one can register.</li>
 * </ul>
 */
public final class PublicClientRegistrationValidator
		implements Consumer<OAuth2ClientRegistrationAuthenticationContext> {

	private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token");

	private final Set<String> knownScopes;

	public PublicClientRegistrationValidator(Set<String> knownScopes) {
		this.knownScopes = Set.copyOf(knownScopes);
	}

	@Override
	public void accept(OAuth2ClientRegistrationAuthenticationContext context) {
		OAuth2ClientRegistrationAuthenticationToken request = context.getAuthentication();
		OAuth2ClientRegistration registration = request.getClientRegistration();
		List<String> redirectUris = registration.getRedirectUris();
		if (redirectUris == null || redirectUris.isEmpty()) {
			throw error("invalid_redirect_uri", "redirect_uris is required");
		}
		String problem = RedirectUriRules.problem(redirectUris);
		if (problem != null) {
			throw error("invalid_redirect_uri", problem);
		}
		String authMethod = registration.getTokenEndpointAuthenticationMethod();
		if (authMethod != null && !"none".equals(authMethod)) {
			throw error("invalid_client_metadata",
					"Only public clients may register: token_endpoint_auth_method must be none");
		}
		List<String> grantTypes = registration.getGrantTypes();
		if (grantTypes != null && (!GRANT_TYPES.containsAll(grantTypes) || !grantTypes.contains("authorization_code"))) {
			throw error("invalid_client_metadata", "grant_types must be authorization_code, optionally refresh_token");
		}
		List<String> responseTypes = registration.getResponseTypes();
		if (responseTypes != null && !List.of("code").containsAll(responseTypes)) {
			throw error("invalid_client_metadata", "response_types must be code");
		}
		List<String> scopes = registration.getScopes();
		if (scopes != null && !this.knownScopes.containsAll(scopes)) {
			throw error("invalid_client_metadata", "scope names a scope this server does not offer");
		}
		String clientName = registration.getClientName();
		if (clientName != null && clientName.length() > 200) {
			throw error("invalid_client_metadata", "client_name is longer than 200 characters");
		}
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(
				new OAuth2Error(code, description, "https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2"));
	}

}
