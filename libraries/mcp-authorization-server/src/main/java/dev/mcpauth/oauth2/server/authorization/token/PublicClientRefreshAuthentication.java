package dev.mcpauth.oauth2.server.authorization.token;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Client "authentication" of a public client ({@code none}) on a {@code refresh_token} request: it identifies
 * itself by {@code client_id} only (OAuth 2.1 §4.3.1). Spring recognises public clients only on PKCE code
 * redemptions. The refresh token itself stays bound to the client: the framework's refresh provider rejects a
 * token issued to another client, and rotation makes a stolen token usable at most once.
 *
 * <p>A registered public client that asks for {@code client_credentials} is identified the same way, so that it
 * is told {@code unauthorized_client} (RFC 6749 §4.4, §5.2) rather than {@code invalid_client}; it never gets a
 * token, the grant is for confidential clients only.
 */
public final class PublicClientRefreshAuthentication {

	private static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.REFRESH_TOKEN.getValue(),
			AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());

	private PublicClientRefreshAuthentication() {
	}

	/**
	 * Recognises {@code grant_type=refresh_token} (or {@code client_credentials}) with a {@code client_id} and no
	 * client credentials.
	 */
	public static final class Converter implements AuthenticationConverter {

		@Override
		public Authentication convert(HttpServletRequest request) {
			if (!"POST".equals(request.getMethod())
					|| !GRANT_TYPES.contains(String.valueOf(request.getParameter(OAuth2ParameterNames.GRANT_TYPE)))
					|| request.getHeader(HttpHeaders.AUTHORIZATION) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
					|| request.getParameter("client_assertion") != null) {
				return null;
			}
			String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
			if (clientIds == null) {
				return null;
			}
			if (clientIds.length != 1 || clientIds[0].isEmpty()) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
			}
			Map<String, Object> parameters = new HashMap<>();
			request.getParameterMap().forEach((name, values) -> {
				if (!OAuth2ParameterNames.CLIENT_ID.equals(name)) {
					parameters.put(name, (values.length == 1) ? values[0] : values);
				}
			});
			return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
		}

	}

	/** Accepts the request if the client is registered as a public ({@code none}) client. */
	public static final class Provider implements AuthenticationProvider {

		private final RegisteredClientRepository registeredClients;

		public Provider(RegisteredClientRepository registeredClients) {
			this.registeredClients = registeredClients;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
			if (!ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())
					|| !GRANT_TYPES.contains(String.valueOf(client.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE)))) {
				return null;
			}
			RegisteredClient registeredClient = this.registeredClients.findByClientId(client.getPrincipal().toString());
			if (registeredClient == null
					|| !registeredClient.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
				throw new OAuth2AuthenticationException(
						new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", null));
			}
			return new OAuth2ClientAuthenticationToken(registeredClient, ClientAuthenticationMethod.NONE, null);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

}
