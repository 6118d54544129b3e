package dev.mcpauth.oauth2.client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.mcpauth.oauth2.client.authorization.BrowserUserAgent;
import dev.mcpauth.oauth2.client.authorization.HeadlessUserAgent;
import dev.mcpauth.oauth2.client.authorization.UserAgent;
import dev.mcpauth.oauth2.client.cimd.ClientMetadataDocumentLocation;
import dev.mcpauth.oauth2.client.discovery.AuthorizationServerMetadataDiscovery;
import dev.mcpauth.oauth2.client.discovery.ProtectedResourceMetadataDiscovery;
import dev.mcpauth.oauth2.client.discovery.WwwAuthenticateParser;
import dev.mcpauth.oauth2.client.dpop.DpopMode;
import dev.mcpauth.oauth2.client.dpop.DpopProofs;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import dev.mcpauth.oauth2.client.registration.ClientRegistrar;
import dev.mcpauth.oauth2.client.registration.DynamicClientRegistration;
import dev.mcpauth.oauth2.client.registration.RegistrationMethod;
import dev.mcpauth.oauth2.client.stepup.AuthorizationAttempts;
import dev.mcpauth.oauth2.client.token.ClientAssertionKey;
import dev.mcpauth.oauth2.client.token.InMemoryTokenStore;
import dev.mcpauth.oauth2.client.token.TokenEndpointClient;
import dev.mcpauth.oauth2.client.token.TokenStore;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2.1 for one MCP server, the way MCP Authorization 2025-11-25 asks a client to do it, for the MCP Java SDK's
 * {@code HttpClientStreamableHttpTransport}:
 *
 * <pre>
 * McpOAuthClient oauth = McpOAuthClient.builder("https://mcp.example.com/mcp")
 *     .clientMetadataDocumentUrl("https://app.example.com/client-metadata.json")
 *     .build();
 * var transport = HttpClientStreamableHttpTransport.builder("https://mcp.example.com")
 *     .endpoint("/mcp")
 *     .httpRequestCustomizer(oauth.requestCustomizer())
 *     .authorizationErrorHandler(oauth.authorizationErrorHandler())
 *     .build();
 * McpSyncClient client = McpClient.sync(transport).build();
 * </pre>
 *
 * The first request goes without a token; its 401 starts discovery (RFC 9728 metadata from the challenge's
 * {@code resource_metadata}, else the well-known URLs; then RFC 8414 / OpenID Connect metadata in MCP's order),
 * registration (pre-registered credentials, else a Client ID Metadata Document, else RFC 7591), the authorization
 * code flow with PKCE S256, {@code state}, RFC 8707 {@code resource} and RFC 9207 {@code iss}, and the token request.
 * A 403 {@code insufficient_scope} steps up with the union of the scopes asked so far and the challenged ones; an
 * expired token is refreshed. After each, the transport replays the request with the new token. Each MCP call may
 * make at most {@link Builder#maxAuthorizationAttempts(int) three} authorization requests.
 * <p>
 * With {@link Builder#grant(AuthorizationGrant) the client credentials grant} the client gets its tokens for itself
 * (no user agent, {@code client_secret_basic} or {@code private_key_jwt}). With an authorization server that lists
 * ES256 in {@code dpop_signing_alg_values_supported}, tokens are DPoP-bound (RFC 9449): each instance has its own
 * EC P-256 key, every token and MCP request carries a fresh proof, and {@code use_dpop_nonce} is retried once
 * ({@link Builder#dpop(DpopMode) off} keeps Bearer tokens).
 * <p>
 * One instance serves one MCP server URL and is thread-safe. {@link #close()} stops the user agent the builder
 * created (its loopback listener); a user agent or metadata document location you pass in stays yours to close.
 */
public final class McpOAuthClient implements AutoCloseable {

	private final McpAuthorizationFlow flow;

	private final McpHttpClientTransportAuthorizationErrorHandler errorHandler;

	/** The user agent the builder created, {@code null} when the caller passed one in. */
	private final UserAgent ownedUserAgent;

	private final DpopProofs dpop;

	private final AuthorizationGrant grant;

	private McpOAuthClient(McpAuthorizationFlow flow, int maxRetries, UserAgent ownedUserAgent, DpopProofs dpop,
			AuthorizationGrant grant) {
		this.flow = flow;
		this.errorHandler = new BlockingErrorHandler(flow, maxRetries);
		this.dpop = dpop;
		this.grant = grant;
		this.ownedUserAgent = ownedUserAgent;
	}

	/** @param serverUrl the MCP server's canonical URL (absolute http(s), no fragment), e.g. {@code https://mcp.example.com/mcp} */
	public static Builder builder(String serverUrl) {
		URI uri;
		try {
			uri = URI.create(Objects.requireNonNull(serverUrl, "serverUrl"));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a valid MCP server URL: " + serverUrl, ex);
		}
		return builder(uri);
	}

	/** @param serverUrl the MCP server's canonical URL (absolute http(s), no fragment) */
	public static Builder builder(URI serverUrl) {
		return new Builder(serverUrl);
	}

	/** For {@code HttpClientStreamableHttpTransport.Builder.httpRequestCustomizer}: adds the bearer token. */
	public McpSyncHttpClientRequestCustomizer requestCustomizer() {
		return this.flow;
	}

	/** For {@code HttpClientStreamableHttpTransport.Builder.authorizationErrorHandler}: authorizes on 401 and 403. */
	public McpHttpClientTransportAuthorizationErrorHandler authorizationErrorHandler() {
		return this.errorHandler;
	}

	/** The failure that stopped the flow, if any; the SDK may have wrapped it in its own exception. */
	public Optional<McpAuthorizationException> failure() {
		return this.flow.failure();
	}

	/** How the client got its {@code client_id} at the last authorization, if one happened. */
	public Optional<RegistrationMethod> registrationMethod() {
		return this.flow.registrationMethod();
	}

	/** Authorization requests made so far (including step-ups). */
	public int authorizations() {
		return this.flow.authorizations();
	}

	/** How this client obtains tokens. */
	public AuthorizationGrant grant() {
		return this.grant;
	}

	/**
	 * The RFC 7638 thumbprint ({@code jkt}) of this instance's DPoP key; empty when DPoP is off. Whether a server
	 * actually got DPoP depends on its metadata ({@link DpopMode#AUTO}).
	 */
	public Optional<String> dpopKeyThumbprint() {
		return Optional.ofNullable(this.dpop).map(DpopProofs::thumbprint);
	}

	/** Step-ups made so far (403 {@code insufficient_scope} answered with a wider authorization). */
	public int stepUps() {
		return this.flow.stepUps();
	}

	@Override
	public void close() {
		if (this.ownedUserAgent != null) {
			this.ownedUserAgent.close();
		}
	}

	/**
	 * Adapts the blocking flow to the SDK's reactive hook. In SDK 2.1.0 a {@code true} answer makes the transport
	 * replay the request (through the customizer, so with the new token) up to {@link #maxRetries()} times in a row;
	 * the SDK's own {@code fromSync} adapter allows one, too few for a step-up after a first authorization.
	 */
	private record BlockingErrorHandler(McpAuthorizationFlow flow, int maxRetries)
			implements McpHttpClientTransportAuthorizationErrorHandler {

		@Override
		public Publisher<Boolean> handle(HttpRequestSnapshot request, HttpResponse.ResponseInfo response,
				McpTransportContext context) {
			return Mono.fromCallable(() -> this.flow.handle(request, response, context))
				.subscribeOn(Schedulers.boundedElastic());
		}

	}

	/**
	 * The options of an {@link McpOAuthClient}. Only the server URL is required; a client without credentials and
	 * without a metadata document URL registers dynamically (RFC 7591) where the authorization server allows it.
	 */
	public static final class Builder {

		/** The {@code client_name} used when none is configured. */
		public static final String DEFAULT_CLIENT_NAME = "MCP client (Java)";

		private final URI serverUrl;

		private String clientId;

		private String clientSecret;

		private ClientMetadataDocumentLocation clientMetadataDocument;

		private String clientName = DEFAULT_CLIENT_NAME;

		private UserAgent userAgent;

		private String headlessRedirectUri;

		private Duration browserTimeout = Duration.ofMinutes(5);

		private final Set<String> scopes = new LinkedHashSet<>();

		private Duration timeout = Duration.ofSeconds(30);

		private OAuthHttpClient httpClient;

		private SSLContext sslContext;

		private TokenStore tokenStore;

		private AuthorizationTraceListener listener = AuthorizationTraceListener.NONE;

		private int maxAuthorizationAttempts = AuthorizationAttempts.DEFAULT_LIMIT;

		private JsonMapper jsonMapper;

		private Clock clock = Clock.systemUTC();

		private AuthorizationGrant grant = AuthorizationGrant.AUTHORIZATION_CODE;

		private String clientPrivateKey;

		private DpopMode dpop = DpopMode.AUTO;

		private Builder(URI serverUrl) {
			this.serverUrl = canonical(serverUrl);
		}

		/**
		 * Pre-registered credentials, preferred over any other way of registering (MCP client registration order).
		 * @param clientSecret {@code null} or blank for a public client
		 */
		public Builder clientCredentials(String clientId, String clientSecret) {
			this.clientId = blankToNull(clientId);
			this.clientSecret = blankToNull(clientSecret);
			return this;
		}

		/**
		 * How tokens are obtained: the authorization code flow (default) or the client credentials grant, which needs
		 * {@link #clientCredentials(String, String) a client id} and a secret or a {@link #clientPrivateKey(String)
		 * private key}.
		 */
		public Builder grant(AuthorizationGrant grant) {
			this.grant = Objects.requireNonNull(grant, "grant");
			return this;
		}

		/**
		 * The private key of a pre-registered {@code private_key_jwt} client (RFC 7523 section 2.2), as a PKCS #8 PEM
		 * or a private JWK: the client then authenticates with a signed assertion instead of a secret.
		 * @param pemOrJwk the key itself (not a file name); {@code null} or blank for none
		 */
		public Builder clientPrivateKey(String pemOrJwk) {
			this.clientPrivateKey = blankToNull(pemOrJwk);
			return this;
		}

		/** DPoP (RFC 9449) with servers that announce it ({@link DpopMode#AUTO}, the default) or never. */
		public Builder dpop(DpopMode mode) {
			this.dpop = Objects.requireNonNull(mode, "mode");
			return this;
		}

		/** The https URL of the client's Client ID Metadata Document, used as {@code client_id} where supported. */
		public Builder clientMetadataDocumentUrl(String url) {
			this.clientMetadataDocument = url == null || url.isBlank() ? null : ClientMetadataDocumentLocation.url(url);
			return this;
		}

		/** Where the Client ID Metadata Document is published, e.g. an embedded {@code ClientMetadataDocumentHost}. */
		public Builder clientMetadataDocument(ClientMetadataDocumentLocation location) {
			this.clientMetadataDocument = location;
			return this;
		}

		/** The {@code client_name} sent in dynamic client registration. */
		public Builder clientName(String clientName) {
			this.clientName = Objects.requireNonNull(clientName, "clientName");
			return this;
		}

		/** Your own user agent (it takes the user to the authorization URL and brings back the redirect). */
		public Builder userAgent(UserAgent userAgent) {
			this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
			this.headlessRedirectUri = null;
			return this;
		}

		/**
		 * A user agent without a user: it follows the authorization server's redirects itself and stops at this
		 * redirect URI. Works only with servers that authorize without a login page (tests, trusted automation).
		 */
		public Builder headlessUserAgent(String redirectUri) {
			this.headlessRedirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
			this.userAgent = null;
			return this;
		}

		/**
		 * The default user agent: the system browser (or the URL printed on stderr) and a loopback listener on
		 * {@code http://127.0.0.1:<ephemeral>/callback} that waits this long for the user.
		 */
		public Builder browserUserAgent(Duration timeout) {
			this.browserTimeout = Objects.requireNonNull(timeout, "timeout");
			this.userAgent = null;
			this.headlessRedirectUri = null;
			return this;
		}

		/** Scopes asked for in every authorization besides the ones MCP's scope selection picks (e.g. {@code offline_access}). */
		public Builder scopes(String... scopes) {
			return scopes(Arrays.asList(scopes));
		}

		/** Scopes asked for in every authorization besides the ones MCP's scope selection picks. */
		public Builder scopes(Collection<String> scopes) {
			this.scopes.clear();
			scopes.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(this.scopes::add);
			return this;
		}

		/** Timeout of each OAuth HTTP call (metadata, registration, token) and of the headless user agent; 30 s. */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/** The HTTP client of the OAuth calls; by default one with {@link #timeout(Duration)} and the listener. */
		/**
		 * Trust (and key) material for the built-in HTTP client and headless user agent, e.g. a Spring Boot SSL
		 * bundle's context trusting a private CA; without it they use the JVM default. Not used by an
		 * {@link #httpClient(OAuthHttpClient)} or {@link #userAgent(UserAgent)} given here.
		 * @param sslContext the context, or null for the JVM default
		 * @return this builder
		 */
		public Builder sslContext(SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		public Builder httpClient(OAuthHttpClient httpClient) {
			this.httpClient = httpClient;
			return this;
		}

		/** Where tokens are kept; in memory by default. */
		public Builder tokenStore(TokenStore tokenStore) {
			this.tokenStore = tokenStore;
			return this;
		}

		/** Receives the trace of the flow (steps and details, never a secret); nothing by default. */
		public Builder listener(AuthorizationTraceListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/** The authorization requests one MCP call may make before the client gives up (CL-20); 3 by default. */
		public Builder maxAuthorizationAttempts(int attempts) {
			this.maxAuthorizationAttempts = attempts;
			return this;
		}

		/** The Jackson 3 mapper for metadata and token responses. */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/** The clock that decides when a token has expired. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * @throws IllegalStateException for options that cannot work together (one line, naming what is missing),
		 * e.g. the client credentials grant without a client id, or without a secret or private key
		 * @throws IllegalArgumentException for a private key that cannot be read
		 */
		public McpOAuthClient build() {
			JsonMapper json = this.jsonMapper != null ? this.jsonMapper : JsonMapper.builder().build();
			if (this.clientPrivateKey != null && this.clientSecret != null) {
				throw new IllegalStateException("give the client either a secret or a private key, not both");
			}
			if (this.grant == AuthorizationGrant.CLIENT_CREDENTIALS
					&& (this.clientId == null || (this.clientSecret == null && this.clientPrivateKey == null))) {
				throw new IllegalStateException("the client credentials grant needs a pre-registered client id and "
						+ (this.clientId == null ? "a" : "its") + " client secret or private key");
			}
			if (this.clientPrivateKey != null && this.clientId == null) {
				throw new IllegalStateException("a client private key needs the pre-registered client id it belongs to");
			}
			ClientAssertionKey assertionKey = this.clientPrivateKey == null ? null
					: ClientAssertionKey.parse(this.clientPrivateKey, json);
			DpopProofs dpopProofs = this.dpop == DpopMode.AUTO ? new DpopProofs(json, this.clock, this.listener) : null;
			OAuthHttpClient http = this.httpClient != null ? this.httpClient
					: new OAuthHttpClient(json, this.timeout, this.listener, this.sslContext);
			AuthorizationAttempts attempts = new AuthorizationAttempts(this.maxAuthorizationAttempts);
			UserAgent agent = this.userAgent != null ? this.userAgent
					: this.headlessRedirectUri != null
							? new HeadlessUserAgent(this.headlessRedirectUri, this.timeout, this.listener, this.sslContext)
							: new BrowserUserAgent(this.browserTimeout, this.listener, System.err);
			ClientMetadataDocumentLocation cimd = this.clientMetadataDocument;
			ClientRegistrar registrar = new ClientRegistrar(
					this.clientId != null
							? new ClientRegistrar.PreRegisteredClient(this.clientId, this.clientSecret, assertionKey != null)
							: null,
					cimd != null ? cimd::clientId : null, new DynamicClientRegistration(http, this.clientName));
			McpAuthorizationFlow.Steps steps = new McpAuthorizationFlow.Steps(new WwwAuthenticateParser(),
					new ProtectedResourceMetadataDiscovery(http), new AuthorizationServerMetadataDiscovery(http),
					registrar, agent, new TokenEndpointClient(http, this.clock, assertionKey, this.listener),
					this.tokenStore != null ? this.tokenStore : new InMemoryTokenStore(),
					cimd != null ? cimd::takeFetches : List::of);
			McpAuthorizationFlow flow = new McpAuthorizationFlow(this.serverUrl, steps, attempts, this.scopes,
					this.listener, json, this.clock, this.grant, dpopProofs);
			// One more transport replay than authorizations: a use_dpop_nonce answer costs one (RFC 9449 section 9).
			int maxRetries = attempts.limit() + (dpopProofs != null ? 1 : 0);
			return new McpOAuthClient(flow, maxRetries, this.userAgent != null ? null : agent, dpopProofs, this.grant);
		}

		/** MCP canonical server URI: absolute, http(s), with a host and no fragment. */
		private static URI canonical(URI uri) {
			Objects.requireNonNull(uri, "serverUrl");
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!uri.isAbsolute() || uri.getHost() == null || uri.getFragment() != null
					|| !(scheme.equals("http") || scheme.equals("https"))) {
				throw new IllegalArgumentException(
						"the MCP server URL must be an absolute http(s) URL without fragment: " + uri);
			}
			return uri;
		}

		private static String blankToNull(String value) {
			return (value == null || value.isBlank()) ? null : value;
		}

	}

}
