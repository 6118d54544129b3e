package dev.mcpauth.oauth2.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.mcpauth.oauth2.client.authorization.AuthorizationRequest;
import dev.mcpauth.oauth2.client.authorization.AuthorizationResponse;
import dev.mcpauth.oauth2.client.authorization.Pkce;
import dev.mcpauth.oauth2.client.authorization.UserAgent;
import dev.mcpauth.oauth2.client.discovery.AuthorizationServerMetadata;
import dev.mcpauth.oauth2.client.discovery.AuthorizationServerMetadataDiscovery;
import dev.mcpauth.oauth2.client.discovery.Challenge;
import dev.mcpauth.oauth2.client.discovery.ProtectedResourceMetadata;
import dev.mcpauth.oauth2.client.discovery.ProtectedResourceMetadataDiscovery;
import dev.mcpauth.oauth2.client.discovery.WellKnownUris;
import dev.mcpauth.oauth2.client.discovery.WwwAuthenticateParser;
import dev.mcpauth.oauth2.client.dpop.DpopProofs;
import dev.mcpauth.oauth2.client.http.EndpointPolicy;
import dev.mcpauth.oauth2.client.registration.ClientRegistrar;
import dev.mcpauth.oauth2.client.registration.ClientRegistration;
import dev.mcpauth.oauth2.client.registration.RegistrationMethod;
import dev.mcpauth.oauth2.client.stepup.AuthorizationAttempts;
import dev.mcpauth.oauth2.client.stepup.ScopeSelection;
import dev.mcpauth.oauth2.client.token.AccessTokenClaims;
import dev.mcpauth.oauth2.client.token.TokenEndpointClient;
import dev.mcpauth.oauth2.client.token.TokenSet;
import dev.mcpauth.oauth2.client.token.TokenStore;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP authorization as the spec's sequence diagram draws it, plugged into the MCP Java SDK transport at its two
 * hooks: the request customizer adds {@code Authorization: Bearer} to every MCP request (CL-22), and the
 * authorization error handler reacts to a 401 (discovery, registration, authorization, token) or a 403
 * {@code insufficient_scope} (step-up), after which the transport replays the request with the new token.
 * <p>
 * Each new MCP request (a JSON-RPC body the flow has not seen just before) starts a fresh budget of authorization
 * attempts, named after the request ({@code initialize}, {@code tools/list}, or the tool of a {@code tools/call});
 * a replay of the same request spends the same budget. Most users build it through {@link McpOAuthClient}.
 */
public final class McpAuthorizationFlow
		implements McpHttpClientTransportAuthorizationErrorHandler.Sync, McpSyncHttpClientRequestCustomizer {

	/** The collaborators of the flow, one per step of the sequence diagram. */
	public record Steps(WwwAuthenticateParser challenges, ProtectedResourceMetadataDiscovery resourceMetadata,
			AuthorizationServerMetadataDiscovery serverMetadata, ClientRegistrar registrar, UserAgent userAgent,
			TokenEndpointClient tokenEndpoint, TokenStore tokens, Supplier<List<String>> cimdFetches) {
	}

	/**
	 * What discovery established for the MCP server: the resource to ask tokens for, its authorization server, and
	 * whether tokens are asked for with DPoP.
	 */
	private record Binding(String resource, AuthorizationServerMetadata server, String metadataLocation, boolean dpop) {

		TokenStore.Key key() {
			return new TokenStore.Key(this.resource, this.server.issuer());
		}

	}

	private final URI serverUrl;

	private final Steps steps;

	private final AuthorizationAttempts attempts;

	private final AuthorizationTraceListener trace;

	private final Set<String> configuredScopes;

	private final JsonMapper json;

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private volatile Binding binding;

	private volatile ClientRegistration lastRegistration;

	private volatile McpAuthorizationException failure;

	private List<String> prmScopes;

	private String lastRequestBody;

	private int authorizations;

	private int stepUps;

	private final AuthorizationGrant grant;

	/** The client's DPoP key and nonces; {@code null} when DPoP is off. */
	private final DpopProofs dpop;

	private boolean dpopAnnounced;

	/** {@code use_dpop_nonce} retries in the current MCP call: one at most (RFC 9449 section 9). */
	private int nonceRetries;

	/**
	 * @param configuredScopes scopes asked for in every authorization request besides those the MCP scope selection
	 * strategy picks (e.g. {@code offline_access}); usually empty
	 */
	public McpAuthorizationFlow(URI serverUrl, Steps steps, AuthorizationAttempts attempts, Set<String> configuredScopes,
			AuthorizationTraceListener trace, JsonMapper json, Clock clock) {
		this(serverUrl, steps, attempts, configuredScopes, trace, json, clock, AuthorizationGrant.AUTHORIZATION_CODE, null);
	}

	/**
	 * @param grant how tokens are obtained
	 * @param dpop the client's DPoP proofs, used with authorization servers that announce ES256 DPoP; {@code null} for
	 * Bearer tokens only
	 */
	public McpAuthorizationFlow(URI serverUrl, Steps steps, AuthorizationAttempts attempts, Set<String> configuredScopes,
			AuthorizationTraceListener trace, JsonMapper json, Clock clock, AuthorizationGrant grant, DpopProofs dpop) {
		this.grant = grant;
		this.dpop = dpop;
		this.serverUrl = serverUrl;
		this.steps = steps;
		this.attempts = attempts;
		this.configuredScopes = Collections.unmodifiableSet(new LinkedHashSet<>(configuredScopes));
		this.trace = trace;
		this.json = json;
		this.clock = clock;
	}

	/** Starts the authorization budget of a new MCP call; {@code label} names it in the trace and in errors. */
	public void beginCall(String label) {
		this.attempts.beginCall(label);
	}

	@Override
	public void customize(HttpRequest.Builder builder, String method, URI endpoint, String body,
			McpTransportContext context) {
		noticeRequest(body);
		Binding current = this.binding;
		if (current == null) {
			return; // no token yet: the first request goes without one and meets the 401 challenge
		}
		currentToken(current).ifPresent(token -> {
			if (token.isDpop() && this.dpop != null) {
				// RFC 9449 section 7.1: the DPoP scheme and a fresh proof bound to this request and this token.
				builder.setHeader("Authorization", "DPoP " + token.accessToken());
				builder.setHeader("DPoP", this.dpop.proof(method, endpoint, token.accessToken()));
			}
			else {
				builder.setHeader("Authorization", "Bearer " + token.accessToken());
			}
		});
	}

	@Override
	public synchronized boolean handle(HttpRequestSnapshot request, HttpResponse.ResponseInfo response,
			McpTransportContext context) {
		try {
			String sentScheme = request.headers().firstValue("Authorization").map(v -> v.split(" ", 2)[0]).orElse("");
			Optional<Challenge> bearer = this.steps.challenges()
				.authorization(response.headers().allValues("WWW-Authenticate"), sentScheme.equalsIgnoreCase("DPoP"));
			if (this.dpop != null) {
				response.headers().firstValue("DPoP-Nonce").ifPresent(nonce -> this.dpop.rememberNonce(request.requestUri(), nonce));
				if (response.statusCode() == 401 && isNonceChallenge(bearer)) {
					onNonceChallenge(request, response);
					return true;
				}
			}
			if (response.statusCode() == 403) {
				onInsufficientScope(bearer);
			}
			else {
				onUnauthorized(bearer, request.headers().firstValue("Authorization").isPresent());
			}
			return true;
		}
		catch (McpAuthorizationException ex) {
			this.failure = ex;
			throw ex;
		}
	}

	private static boolean isNonceChallenge(Optional<Challenge> challenge) {
		return challenge.filter(c -> c.isScheme("DPoP"))
			.flatMap(c -> c.param("error"))
			.filter("use_dpop_nonce"::equals)
			.isPresent();
	}

	// 401 DPoP error="use_dpop_nonce": the nonce is kept (above); the transport replays with a fresh proof carrying it.
	private void onNonceChallenge(HttpRequestSnapshot request, HttpResponse.ResponseInfo response) {
		if (response.headers().firstValue("DPoP-Nonce").filter(n -> !n.isBlank()).isEmpty()) {
			throw new McpAuthorizationException("the MCP server answered 401 use_dpop_nonce to " + this.attempts.call()
					+ " without a DPoP-Nonce header");
		}
		if (this.nonceRetries >= 1) {
			throw new McpAuthorizationException("the MCP server answered 401 use_dpop_nonce to " + this.attempts.call()
					+ " again after the retry with its own nonce; giving up (RFC 9449 section 9)");
		}
		this.nonceRetries++;
		this.trace.detail("DPoP nonce challenge from the MCP server (401 use_dpop_nonce): retrying '" + this.attempts.call()
				+ "' once with its nonce");
	}

	/**
	 * A JSON-RPC body other than the previous one is a new MCP call: it gets a fresh attempt budget (CL-20). The SDK
	 * replays a request after a {@code true} answer of the error handler with the same body, so a replay does not.
	 * Bodiless requests (the SSE GET stream, the closing DELETE) belong to no call.
	 */
	private synchronized void noticeRequest(String body) {
		if (body == null || body.isBlank() || body.equals(this.lastRequestBody)) {
			return;
		}
		this.lastRequestBody = body;
		this.nonceRetries = 0;
		callLabel(body).ifPresent(this::beginCall);
	}

	/** {@code initialize}, {@code tools/list}, ...; the tool's name for {@code tools/call}. */
	private Optional<String> callLabel(String body) {
		try {
			JsonNode message = this.json.readTree(body);
			JsonNode method = message == null ? null : message.get("method");
			if (method == null || !method.isString()) {
				return Optional.empty();
			}
			JsonNode name = message.path("params").get("name");
			if (method.asString().equals("tools/call") && name != null && name.isString()) {
				return Optional.of(name.asString());
			}
			return Optional.of(method.asString());
		}
		catch (RuntimeException notJson) {
			return Optional.empty();
		}
	}

	/** The failure that stopped the flow, if any: the SDK may wrap it on its way to the caller. */
	public Optional<McpAuthorizationException> failure() {
		return Optional.ofNullable(this.failure);
	}

	public Optional<RegistrationMethod> registrationMethod() {
		return Optional.ofNullable(this.lastRegistration).map(ClientRegistration::method);
	}

	public synchronized int authorizations() {
		return this.authorizations;
	}

	public synchronized int stepUps() {
		return this.stepUps;
	}

	// 401: discovery (RFC 9728, RFC 8414), then refresh or a new authorization.
	private void onUnauthorized(Optional<Challenge> bearer, boolean tokenRejected) {
		Optional<String> challengeScope = bearer.flatMap(c -> c.param("scope"));
		Binding discovered = discover(bearer, 401, tokenRejected);
		this.binding = discovered;
		Optional<TokenSet> existing = this.steps.tokens().get(discovered.key());
		if (tokenRejected && existing.isPresent() && existing.get().refreshToken() != null && refresh(discovered)) {
			this.trace.step("Retry '" + this.attempts.call() + "' with the refreshed token");
			return;
		}
		Set<String> scopes = ScopeSelection.initial(challengeScope.orElse(null), this.prmScopes);
		scopes.addAll(this.configuredScopes);
		existing.ifPresent(token -> scopes.addAll(token.requestedScopes())); // never lose what was asked before
		authorize(discovered, scopes, this.authorizations == 0 ? "for base scope" : "after the token was rejected");
		if (tokenRejected) {
			this.trace.step("Retry '" + this.attempts.call() + "' with the new token");
		}
	}

	private Binding discover(Optional<Challenge> bearer, int status, boolean tokenRejected) {
		this.trace.step(tokenRejected ? "Discovery (the MCP server rejected the token)" : "Discovery");
		Optional<String> resourceMetadata = bearer.flatMap(c -> c.param("resource_metadata"));
		this.trace.detail(status + " challenge -> resource_metadata=" + resourceMetadata.orElse("(none)") + " scope="
				+ bearer.flatMap(c -> c.param("scope")).orElse("(none)"));
		Optional<ProtectedResourceMetadata> prm = this.steps.resourceMetadata().discover(this.serverUrl, resourceMetadata);
		if (prm.isPresent()) {
			ProtectedResourceMetadata metadata = prm.get();
			this.trace.verbose("PRM found at " + metadata.location());
			this.trace.detail("PRM: resource=" + metadata.resource() + " as=" + metadata.authorizationServers()
					+ " scopes=" + (metadata.scopesSupported() == null ? "(none)" : metadata.scopesSupported()));
			this.prmScopes = metadata.scopesSupported();
			AuthorizationServerMetadata server = this.steps.serverMetadata()
				.discover(metadata.chosenAuthorizationServer());
			this.trace.detail("AS metadata discovered at " + server.location());
			return new Binding(metadata.resource(), server, metadata.location(), usesDpop(server));
		}
		// No PRM: a 2025-03-26 server. Its origin acts as the authorization server; resource stays the server URL.
		this.trace.detail("PRM: none published; using 2025-03-26 discovery (the MCP server's origin is the authorization server)");
		this.prmScopes = null;
		String origin = WellKnownUris.origin(this.serverUrl);
		AuthorizationServerMetadata server = this.steps.serverMetadata()
			.find(origin, URI.create(origin))
			.orElseGet(() -> AuthorizationServerMetadataDiscovery.defaultEndpoints(origin));
		this.trace.detail(server.location() != null ? "AS metadata discovered at " + server.location()
				: "AS metadata: none; using the default endpoints /authorize, /token, /register");
		return new Binding(this.serverUrl.toString(), server, null, usesDpop(server));
	}

	/** DPoP when it is on and the authorization server takes ES256 proofs (RFC 9449 section 5.1). */
	private boolean usesDpop(AuthorizationServerMetadata server) {
		boolean use = this.dpop != null && server.supportsDpop(DpopProofs.ALGORITHM);
		if (use && !this.dpopAnnounced) {
			this.dpopAnnounced = true;
			this.trace.detail("DPoP: the authorization server takes " + DpopProofs.ALGORITHM + " proofs; key jkt="
					+ this.dpop.thumbprint() + " (EC P-256, in memory, this client instance)");
		}
		return use;
	}

	// 403 insufficient_scope: step-up with (previous scopes ∪ challenged scopes), then the transport retries.
	private void onInsufficientScope(Optional<Challenge> bearer) {
		String error = bearer.flatMap(c -> c.param("error")).orElse(null);
		if (!"insufficient_scope".equals(error)) {
			throw new McpAuthorizationException("the MCP server answered HTTP 403" + (error != null ? " (error=" + error + ")" : "")
					+ " to " + this.attempts.call() + "; only 403 insufficient_scope calls for a step-up");
		}
		String challenged = bearer.flatMap(c -> c.param("scope")).orElse(null);
		this.trace.detail("403 insufficient_scope -> scope=\"" + (challenged == null ? "" : challenged) + "\"");
		if (challenged == null || challenged.isBlank()) {
			throw new McpAuthorizationException("403 insufficient_scope without a scope parameter: no way to know which scope to request");
		}
		Binding current = this.binding;
		Optional<String> resourceMetadata = bearer.flatMap(c -> c.param("resource_metadata"));
		// RFC 9728 section 5.2 (CL-25): a challenge pointing to other metadata means discovering again.
		if (current == null || (resourceMetadata.isPresent() && !resourceMetadata.get().equals(current.metadataLocation()))) {
			current = discover(bearer, 403, false);
			this.binding = current;
		}
		Optional<TokenSet> token = this.steps.tokens().get(current.key());
		Set<String> previous = token.map(TokenSet::requestedScopes).orElse(Set.of());
		if (token.isPresent() && token.get().grantedScopes().containsAll(TokenEndpointClient.scopes(challenged))) {
			throw new McpAuthorizationException("the MCP server still answers 403 insufficient_scope for \"" + challenged + "\" to "
					+ this.attempts.call() + " although the token was granted it; not re-authorizing in a loop");
		}
		this.trace.step("Step-up re-authorization for the extra scope");
		TokenSet stepped = authorize(current, ScopeSelection.union(previous, challenged), null);
		this.stepUps++;
		Set<String> missing = TokenEndpointClient.scopes(challenged);
		missing.removeAll(stepped.grantedScopes());
		if (!missing.isEmpty()) { // the AS may grant less (OAuth 2.1 section 3.2.3); retrying could only loop
			throw new McpAuthorizationException("the authorization server did not grant " + String.join(" ", missing) + " needed by "
					+ this.attempts.call() + " (granted: " + String.join(" ", stepped.grantedScopes()) + ")");
		}
		this.trace.step("Retry '" + this.attempts.call() + "' with stepped-up token");
	}

	private TokenSet authorize(Binding target, Set<String> scopes, String purpose) {
		if (this.grant == AuthorizationGrant.CLIENT_CREDENTIALS) {
			return clientCredentials(target, scopes, purpose);
		}
		AuthorizationServerMetadata server = target.server();
		RegistrationMethod method = this.steps.registrar().choose(server);
		if (purpose != null) {
			this.trace.step("Authorization (" + method.label() + " + PKCE) " + purpose);
		}
		this.attempts.record("the authorization server never granted what the MCP server asks for");
		this.authorizations++;
		UserAgent userAgent = this.steps.userAgent();
		ClientRegistration client = this.steps.registrar().registrationFor(server, userAgent.redirectUri());
		if (client != this.lastRegistration) { // a step-up reuses the registration: say it once
			this.trace.detail("registration: " + describe(client));
		}
		this.lastRegistration = client;
		Pkce pkce = Pkce.generate(this.random);
		String state = AuthorizationRequest.newState(this.random);
		String scope = ScopeSelection.parameter(scopes);
		EndpointPolicy.require(server.authorizationEndpoint(), "authorization_endpoint");
		AuthorizationRequest request = new AuthorizationRequest(server.authorizationEndpoint(), client.clientId(),
				userAgent.redirectUri(), scope, state, pkce, target.resource());
		this.trace.detail("authorization request: scope=" + (scope == null ? "(omitted)" : scope) + " resource="
				+ target.resource());
		URI redirect = userAgent.authorize(request.toUri());
		reportCimdFetches();
		String code = AuthorizationResponse.fromRedirect(redirect)
			.validatedCode(state, server.issuer(), server.authorizationResponseIssParameterSupported());
		TokenSet token = this.steps.tokenEndpoint()
			.exchangeCode(server.tokenEndpoint(), client, code, pkce.verifier(), userAgent.redirectUri(),
					target.resource(), scopes, dpopFor(target));
		reportCimdFetches();
		this.steps.tokens().put(target.key(), token);
		traceToken(token, target);
		return token;
	}

	/**
	 * The client credentials grant (OAuth 2.1 section 4.2): no user agent, no PKCE; the pre-registered confidential
	 * client asks the token endpoint directly, with the same {@code resource} and scopes as the code flow would.
	 */
	private TokenSet clientCredentials(Binding target, Set<String> scopes, String purpose) {
		AuthorizationServerMetadata server = target.server();
		ClientRegistration client = this.steps.registrar().registrationFor(server, null);
		if (purpose != null) {
			this.trace.step("Authorization (client credentials, " + client.tokenEndpointAuthMethod() + ") " + purpose);
		}
		this.attempts.record("the authorization server never granted what the MCP server asks for");
		this.authorizations++;
		this.lastRegistration = client;
		String scope = ScopeSelection.parameter(scopes);
		this.trace.detail("client_credentials grant: client_id=" + client.clientId() + " auth="
				+ client.tokenEndpointAuthMethod() + " scope=" + (scope == null ? "(omitted)" : scope) + " resource="
				+ target.resource() + (target.dpop() ? " dpop=yes" : ""));
		TokenSet token = this.steps.tokenEndpoint()
			.clientCredentials(server.tokenEndpoint(), server.issuer(), client, target.resource(),
					scope == null ? Set.of() : new LinkedHashSet<>(scopes), dpopFor(target));
		this.steps.tokens().put(target.key(), token);
		traceToken(token, target);
		return token;
	}

	private DpopProofs dpopFor(Binding target) {
		return target.dpop() ? this.dpop : null;
	}

	private boolean refresh(Binding target) {
		TokenSet current = this.steps.tokens().get(target.key()).orElseThrow();
		ClientRegistration client = this.steps.registrar()
			.registrationFor(target.server(), this.grant == AuthorizationGrant.CLIENT_CREDENTIALS ? null
					: this.steps.userAgent().redirectUri());
		try {
			TokenSet refreshed = this.steps.tokenEndpoint()
				.refresh(target.server().tokenEndpoint(), client, current, target.resource(), dpopFor(target));
			this.steps.tokens().put(target.key(), refreshed);
			this.trace.detail("refreshed the access token with the refresh token");
			traceToken(refreshed, target);
			return true;
		}
		catch (McpAuthorizationException ex) {
			this.steps.tokens().remove(target.key());
			this.trace.detail("refresh failed (" + ex.getMessage() + "); authorizing again");
			return false;
		}
	}

	/** The stored token, refreshed first when it has expired and a refresh token exists (OAuth 2.1 section 4.3). */
	private synchronized Optional<TokenSet> currentToken(Binding current) {
		Optional<TokenSet> token = this.steps.tokens().get(current.key());
		if (token.isPresent() && token.get().isExpired(this.clock.instant()) && token.get().refreshToken() != null) {
			refresh(current);
			token = this.steps.tokens().get(current.key());
		}
		return token;
	}

	private void traceToken(TokenSet token, Binding target) {
		String audience = AccessTokenClaims.audience(token.accessToken(), this.json);
		String scope = token.grantedScopes().isEmpty() ? "(none)" : String.join(" ", token.grantedScopes());
		this.trace.detail("token: scope=" + scope
				+ (audience != null ? " aud=" + audience : " resource=" + target.resource()));
		if (token.isDpop()) { // a line of its own: the token line above stays what the demo trace fixes
			this.trace.detail("token_type=DPoP: bound to the client's key jkt=" + this.dpop.thumbprint());
		}
	}

	private void reportCimdFetches() {
		for (String fetch : this.steps.cimdFetches().get()) {
			this.trace.detail("CIMD document fetched by the authorization server (" + fetch + ")");
		}
	}

	private static String describe(ClientRegistration client) {
		return switch (client.method()) {
			case CIMD -> "CIMD client_id=" + client.clientId();
			case DCR -> "DCR client_id=" + client.clientId() + " token_endpoint_auth_method="
					+ client.tokenEndpointAuthMethod();
			case PRE_REGISTERED -> "pre-registered client_id=" + client.clientId() + " token_endpoint_auth_method="
					+ client.tokenEndpointAuthMethod();
		};
	}

}
