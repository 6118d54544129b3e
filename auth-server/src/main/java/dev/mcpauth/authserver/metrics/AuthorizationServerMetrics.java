package dev.mcpauth.authserver.metrics;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The authorization server's meters, in one place so names and tags stay consistent. Tag values come from closed
 * sets; anything else is reported as {@code other}.
 */
public final class AuthorizationServerMetrics {

	public static final String TOKENS_ISSUED = "mcp.auth.tokens.issued";

	public static final String TOKEN_ERRORS = "mcp.auth.token.errors";

	public static final String AUTHORIZATIONS = "mcp.auth.authorizations";

	public static final String CLIENTS_REGISTERED = "mcp.auth.clients.registered";

	public static final String REFRESH_TOKEN_REUSE = "mcp.auth.refresh_token.reuse";

	public static final String CODE_REPLAY = "mcp.auth.authorization_code.replay";

	private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials",
			"urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange");

	private static final Set<String> ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
			"unauthorized_client", "unsupported_grant_type", "unsupported_response_type", "invalid_scope",
			"invalid_target", "access_denied", "server_error", "temporarily_unavailable", "invalid_token",
			"invalid_dpop_proof", "use_dpop_nonce");

	private final MeterRegistry registry;

	public AuthorizationServerMetrics(MeterRegistry registry) {
		this.registry = registry;
		// pre-registered so dashboards show a zero series before the first event
		for (ClientKind kind : ClientKind.values()) {
			counter(TOKENS_ISSUED, "grant_type", "authorization_code", "client_kind", kind.tag());
			counter(REFRESH_TOKEN_REUSE, "client_kind", kind.tag());
			counter(CODE_REPLAY, "client_kind", kind.tag());
		}
		counter(AUTHORIZATIONS, "outcome", "approved", "error", "none");
		counter(AUTHORIZATIONS, "outcome", "denied", "error", "access_denied");
	}

	public void tokenIssued(String grantType, ClientKind kind) {
		counter(TOKENS_ISSUED, "grant_type", grantType(grantType), "client_kind", kind.tag()).increment();
	}

	public void tokenError(String grantType, String error) {
		counter(TOKEN_ERRORS, "grant_type", grantType(grantType), "error", error(error)).increment();
	}

	public void authorizationApproved() {
		counter(AUTHORIZATIONS, "outcome", "approved", "error", "none").increment();
	}

	public void authorizationFailed(String error) {
		String code = error(error);
		counter(AUTHORIZATIONS, "outcome", "access_denied".equals(code) ? "denied" : "error", "error", code)
			.increment();
	}

	public void clientRegistered() {
		counter(CLIENTS_REGISTERED).increment();
	}

	public void refreshTokenReuse(ClientKind kind) {
		counter(REFRESH_TOKEN_REUSE, "client_kind", kind.tag()).increment();
	}

	public void codeReplay(ClientKind kind) {
		counter(CODE_REPLAY, "client_kind", kind.tag()).increment();
	}

	private static String grantType(String grantType) {
		return (grantType != null && GRANT_TYPES.contains(grantType)) ? grantType : "other";
	}

	private static String error(String error) {
		return (error != null && ERRORS.contains(error)) ? error : "other";
	}

	private Counter counter(String name, String... tags) {
		return Counter.builder(name).tags(tags).register(this.registry);
	}

}
