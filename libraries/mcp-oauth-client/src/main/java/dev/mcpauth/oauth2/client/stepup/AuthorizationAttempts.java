package dev.mcpauth.oauth2.client.stepup;

import dev.mcpauth.oauth2.client.McpAuthorizationException;

/**
 * Counts authorization requests per MCP call and stops at a limit (CL-20: "SHOULD implement retry limits"). The
 * conformance scenario {@code auth/scope-retry-limit} fails a client that makes more than three.
 */
public final class AuthorizationAttempts {

	public static final int DEFAULT_LIMIT = 3;

	private final int limit;

	private String call = "connect";

	private int count;

	public AuthorizationAttempts(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("at least one authorization attempt per call is needed, got " + limit);
		}
		this.limit = limit;
	}

	/** A new MCP call starts with a fresh budget. */
	public synchronized void beginCall(String call) {
		this.call = call;
		this.count = 0;
	}

	/** Records one more authorization request, or refuses when the budget of the current call is spent. */
	public synchronized void record(String reason) {
		if (this.count >= this.limit) {
			throw new McpAuthorizationException("giving up on " + this.call + " after " + this.limit
					+ " authorization attempts: " + reason);
		}
		this.count++;
	}

	/** The number of authorization requests one MCP call may make. */
	public int limit() {
		return this.limit;
	}

	public synchronized int count() {
		return this.count;
	}

	public synchronized String call() {
		return this.call;
	}

}
