package dev.mcpauth.authserver.web.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.mcpauth.oauth2.server.authorization.resource.ProtectedResources;
import dev.mcpauth.authserver.web.consent.ClientPresentation;
import dev.mcpauth.authserver.web.consent.ScopeDescriptions;
import dev.mcpauth.authserver.web.consent.TrustedClientHosts;
import dev.mcpauth.authserver.web.page.UiProperties;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * The grants a user has given, per client, and their revocation. Spring Authorization Server's services have no
 * "by user" lookup, so the ids come from its JDBC tables ({@code oauth2_authorization},
 * {@code oauth2_authorization_consent}, keyed by {@code principal_name}); everything else goes through the
 * services. Revoking removes the client's stored authorizations (so its refresh tokens and unused codes stop
 * working: a refresh answers {@code invalid_grant}) and the consent (so the next authorization asks again).
 * Access tokens already issued are self-contained JWTs and stay valid until they expire (minutes).
 */
@Component
public class ConnectedClients {

	private final JdbcOperations jdbc;

	private final OAuth2AuthorizationService authorizations;

	private final OAuth2AuthorizationConsentService consents;

	private final RegisteredClientRepository clients;

	private final TrustedClientHosts trustedHosts;

	private final ScopeDescriptions scopeDescriptions;

	public ConnectedClients(JdbcOperations jdbc, OAuth2AuthorizationService authorizations,
			OAuth2AuthorizationConsentService consents, RegisteredClientRepository clients, UiProperties properties) {
		this.jdbc = jdbc;
		this.authorizations = authorizations;
		this.consents = consents;
		this.clients = clients;
		this.trustedHosts = new TrustedClientHosts(properties.trustedClientHosts());
		this.scopeDescriptions = new ScopeDescriptions(properties.scopeDescriptions());
	}

	/** Every client holding a grant or a consent of {@code principalName}, most recently used first. */
	public List<ConnectedClient> of(String principalName) {
		Map<String, Accumulator> byClient = new LinkedHashMap<>();
		for (OAuth2Authorization authorization : grants(principalName, null)) {
			byClient.computeIfAbsent(authorization.getRegisteredClientId(), (id) -> new Accumulator())
				.add(authorization);
		}
		for (String clientId : this.jdbc.queryForList(
				"SELECT registered_client_id FROM oauth2_authorization_consent WHERE principal_name = ?", String.class,
				principalName)) {
			OAuth2AuthorizationConsent consent = this.consents.findById(clientId, principalName);
			if (consent != null) {
				byClient.computeIfAbsent(clientId, (id) -> new Accumulator()).scopes.addAll(consent.getScopes());
			}
		}
		List<ConnectedClient> connected = new ArrayList<>();
		byClient.forEach((registeredClientId, grant) -> {
			RegisteredClient client = this.clients.findById(registeredClientId);
			if (client != null) {
				connected.add(grant.toConnectedClient(registeredClientId, ClientPresentation.of(client, this.trustedHosts),
						this.scopeDescriptions));
			}
		});
		connected.sort(Comparator.comparing(ConnectedClient::lastUsed, Comparator.nullsLast(Comparator.reverseOrder())));
		return connected;
	}

	/**
	 * Removes every authorization and the consent {@code principalName} gave the client.
	 * @return the client's name, or {@code null} if the user had given it nothing
	 */
	public String revoke(String principalName, String registeredClientId) {
		RegisteredClient client = this.clients.findById(registeredClientId);
		if (client == null) {
			return null;
		}
		List<OAuth2Authorization> grants = grants(principalName, registeredClientId);
		grants.forEach(this.authorizations::remove);
		OAuth2AuthorizationConsent consent = this.consents.findById(registeredClientId, principalName);
		if (consent != null) {
			this.consents.remove(consent);
		}
		return (grants.isEmpty() && consent == null) ? null : ClientPresentation.of(client, this.trustedHosts).name();
	}

	/** The user's authorizations that went past consent (a code or a token was issued), of one client or all. */
	private List<OAuth2Authorization> grants(String principalName, String registeredClientId) {
		List<String> ids = (registeredClientId == null)
				? this.jdbc.queryForList("SELECT id FROM oauth2_authorization WHERE principal_name = ?", String.class,
						principalName)
				: this.jdbc.queryForList(
						"SELECT id FROM oauth2_authorization WHERE principal_name = ? AND registered_client_id = ?",
						String.class, principalName, registeredClientId);
		return ids.stream()
			.map(this.authorizations::findById)
			.filter(Objects::nonNull)
			.filter((authorization) -> authorization.getToken(OAuth2AuthorizationCode.class) != null
					|| authorization.getAccessToken() != null || authorization.getRefreshToken() != null)
			.toList();
	}

	private static final class Accumulator {

		private final Set<String> scopes = new TreeSet<>();

		private final Set<String> resources = new LinkedHashSet<>();

		private Instant grantedAt;

		private Instant lastUsed;

		private int grants;

		void add(OAuth2Authorization authorization) {
			this.grants++;
			this.scopes.addAll(authorization.getAuthorizedScopes());
			String resource = ProtectedResources.boundResource(authorization);
			if (resource != null) {
				this.resources.add(resource);
			}
			OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization
				.getToken(OAuth2AuthorizationCode.class);
			this.grantedAt = earliest(this.grantedAt,
					(code != null) ? issuedAt(code) : issuedAt(authorization.getAccessToken()));
			this.lastUsed = latest(this.lastUsed, issuedAt(authorization.getAccessToken()));
			this.lastUsed = latest(this.lastUsed, issuedAt(authorization.getRefreshToken()));
		}

		ConnectedClient toConnectedClient(String registeredClientId, ClientPresentation client,
				ScopeDescriptions descriptions) {
			List<ConnectedClient.GrantedScope> granted = this.scopes.stream()
				.map((scope) -> new ConnectedClient.GrantedScope(scope, descriptions.describe(scope)))
				.toList();
			return new ConnectedClient(registeredClientId, client, granted, List.copyOf(this.resources),
					this.grantedAt, this.lastUsed, this.grants);
		}

		private static Instant issuedAt(OAuth2Authorization.Token<? extends OAuth2Token> token) {
			return (token != null) ? token.getToken().getIssuedAt() : null;
		}

		private static Instant earliest(Instant a, Instant b) {
			return (a == null) ? b : (b == null || a.isBefore(b)) ? a : b;
		}

		private static Instant latest(Instant a, Instant b) {
			return (a == null) ? b : (b == null || a.isAfter(b)) ? a : b;
		}

	}

}
