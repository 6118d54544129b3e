package dev.mcpauth.oauth2.server.resource.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The resource server's meters; tag values come from closed sets.
 */
public final class ResourceServerMetrics {

	public static final String CHALLENGES = "mcp.resource.challenges";

	public static final String STEP_UPS = "mcp.resource.step_ups";

	public static final String TOKEN_VALIDATION = "mcp.resource.token.validation";

	private final MeterRegistry registry;

	public ResourceServerMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (String kind : new String[] { "missing_token", "invalid_token", "invalid_request", "insufficient_scope",
				"invalid_dpop_proof", "use_dpop_nonce" }) {
			challenge(kind);
		}
		Counter.builder(STEP_UPS).register(registry);
	}

	public Counter challenge(String kind) {
		return Counter.builder(CHALLENGES)
			.description("Bearer and DPoP challenges sent (401, 400, 403) by kind")
			.tag("kind", kind)
			.register(this.registry);
	}

	public void stepUp() {
		Counter.builder(STEP_UPS)
			.description("Requests with a token that now holds the scopes an insufficient_scope challenge asked for")
			.register(this.registry)
			.increment();
	}

	public MeterRegistry registry() {
		return this.registry;
	}

}
