package dev.mcpauth.oauth2.client.trace;

/**
 * Receives the steps of the authorization flow as display lines, in the order they happen: a step of the spec's
 * sequence diagram ({@code Discovery}, {@code Authorization (CIMD + PKCE) for base scope}, {@code Step-up ...}), a
 * detail of the current step, and a verbose line (each OAuth HTTP exchange: method, URL, status). No line ever
 * carries a token, code, PKCE verifier or client secret. Parts of a line come from the network (metadata values, an
 * {@code error_description}): a listener that prints them to a terminal should strip control characters.
 * <p>
 * Every method does nothing by default, so an implementation overrides only what it shows. Implementations are called
 * from the transport's threads and must be thread-safe.
 */
public interface AuthorizationTraceListener {

	/** A listener that ignores everything: the default of {@code McpOAuthClient}. */
	AuthorizationTraceListener NONE = new AuthorizationTraceListener() {
	};

	/** A new step of the flow, e.g. {@code Discovery}. */
	default void step(String title) {
	}

	/** A detail of the current step, e.g. {@code PRM: resource=... as=[...] scopes=[...]}. */
	default void detail(String line) {
	}

	/** A line worth showing only on request, e.g. {@code GET https://as.example/.well-known/... -> 200}. */
	default void verbose(String line) {
	}

}
