package dev.mcpauth.resourceserver.metrics;

import dev.mcpauth.oauth2.server.resource.metrics.ResourceServerMetrics;
import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.McpHttp.Response;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each resource-server metric moved by real requests: challenges by kind, a completed step-up, token validation
 * latency by outcome.
 */
class ResourceServerMetricsTest extends ResourceServerTestSupport {

	private static final String WEATHER_CALL = McpHttp.toolsCall("get_weather", "{\"city\":\"Paris\"}");

	@Autowired
	private MeterRegistry registry;

	@Test
	void countsChallengesByKind() {
		double missing = challenges("missing_token");
		double invalid = challenges("invalid_token");
		double malformed = challenges("invalid_request");

		assertThat(this.mcp.post(McpHttp.initializeRequest()).status()).isEqualTo(401);
		assertThat(this.mcp.post(McpHttp.initializeRequest(), "Authorization", "Bearer not.a.jwt").status())
			.isEqualTo(401);
		assertThat(this.mcp.post(McpHttp.initializeRequest(), "Authorization", "Bearer two tokens").status())
			.isEqualTo(400);

		assertThat(challenges("missing_token")).isEqualTo(missing + 1);
		assertThat(challenges("invalid_token")).isEqualTo(invalid + 1);
		assertThat(challenges("invalid_request")).isEqualTo(malformed + 1);
	}

	@Test
	void countsDpopChallengesToo() {
		double proof = challenges("invalid_dpop_proof");
		double malformed = challenges("invalid_request");

		// the DPoP scheme without a DPoP proof: RFC 9449 section 7.1, a DPoP challenge only
		Response noProof = this.mcp.post(McpHttp.initializeRequest(), "Authorization",
				"DPoP " + token("mcp:connect"));
		Response twoTokens = this.mcp.post(McpHttp.initializeRequest(), "Authorization", "DPoP two tokens");

		assertThat(noProof.status()).isEqualTo(401);
		assertThat(noProof.header("WWW-Authenticate")).startsWith("DPoP ").contains("error=\"invalid_dpop_proof\"");
		assertThat(twoTokens.status()).isEqualTo(400);
		assertThat(twoTokens.header("WWW-Authenticate")).startsWith("DPoP ").contains("error=\"invalid_request\"");
		assertThat(challenges("invalid_dpop_proof")).isEqualTo(proof + 1);
		assertThat(challenges("invalid_request")).isEqualTo(malformed + 1);
	}

	@Test
	void countsInsufficientScopeThenTheCompletedStepUp() {
		String narrow = token("mcp:connect");
		String session = this.mcp.initialize(narrow);
		double insufficient = challenges("insufficient_scope");
		double stepUps = count(ResourceServerMetrics.STEP_UPS);

		Response refused = call(narrow, session, WEATHER_CALL);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(challenges("insufficient_scope")).isEqualTo(insufficient + 1);
		assertThat(count(ResourceServerMetrics.STEP_UPS)).isEqualTo(stepUps);

		String wide = token("mcp:connect weather:read");
		Response allowed = call(wide, this.mcp.initialize(wide), WEATHER_CALL);

		assertThat(allowed.status()).isEqualTo(200);
		assertThat(count(ResourceServerMetrics.STEP_UPS)).isEqualTo(stepUps + 1);
	}

	@Test
	void timesTokenValidationByOutcome() {
		long valid = timer("valid");
		long invalid = timer("invalid");

		this.mcp.initialize(token("mcp:connect"));
		this.mcp.post(McpHttp.initializeRequest(), "Authorization",
				McpHttp.bearer(this.authorizationServer.tokenSignedByStranger(RESOURCE, "mcp:connect")));

		assertThat(timer("valid")).isGreaterThan(valid);
		assertThat(timer("invalid")).isEqualTo(invalid + 1);
	}

	private Response call(String token, String session, String body) {
		return this.mcp.post(body, "Authorization", McpHttp.bearer(token), "Mcp-Session-Id", session);
	}

	private double challenges(String kind) {
		Counter counter = this.registry.find(ResourceServerMetrics.CHALLENGES).tag("kind", kind).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double count(String name) {
		Counter counter = this.registry.find(name).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long timer(String outcome) {
		Timer timer = this.registry.find(ResourceServerMetrics.TOKEN_VALIDATION).tag("outcome", outcome).timer();
		return (timer != null) ? timer.count() : 0;
	}

}
