package dev.mcpauth.authserver.ratelimit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rate limit with a small capacity: the request after the burst gets 429 with {@code Retry-After} and an
 * OAuth-shaped body; moving the buckets' clock by one period lets requests through again (no sleeping).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.issuer=http://issuer.test:9000", "auth-server.operations.rate-limit.enabled=true",
				"auth-server.operations.rate-limit.register.capacity=2",
				"auth-server.operations.rate-limit.register.period=1m",
				"auth-server.operations.rate-limit.authorize.capacity=3",
				"auth-server.operations.rate-limit.authorize.period=1m",
				"auth-server.operations.rate-limit.token.capacity=2",
				"auth-server.operations.rate-limit.token.period=1m",
				"mcp.authorization-server.cimd.fetch-rate-limit.enabled=true",
				"mcp.authorization-server.cimd.fetch-rate-limit.capacity=1",
				"mcp.authorization-server.cimd.fetch-rate-limit.period=10m" })
@ActiveProfiles("demo")
class RateLimitTest {

	private static final String CALLBACK = "http://127.0.0.1:50031/callback";

	private static final CimdHost cimd = CimdHost.start();

	@LocalServerPort
	private int port;

	@Autowired
	private ManualTime time;

	@Autowired
	private MeterRegistry registry;

	private OAuthClient client;

	@BeforeEach
	void freshBuckets() {
		this.client = new OAuthClient(this.port);
		this.time.advance(Duration.ofHours(1)); // every bucket of earlier tests is full again
	}

	@AfterAll
	static void stopHost() {
		cimd.close();
	}

	@Test
	void registrationEndpointLimitsPerAddressThenRecovers() {
		String body = "{\"redirect_uris\":[\"http://127.0.0.1/callback\"]}";
		assertThat(this.client.postJson("/oauth2/register", body).statusCode()).isEqualTo(201);
		assertThat(this.client.postJson("/oauth2/register", body).statusCode()).isEqualTo(201);

		assertTooManyRequests(this.client.postJson("/oauth2/register", body), "register");

		this.time.advance(Duration.ofMinutes(1));
		assertThat(this.client.postJson("/oauth2/register", body).statusCode()).isEqualTo(201);
	}

	@Test
	void tokenEndpointLimitsPerAddressThenRecovers() {
		Map<String, String> form = Map.of("grant_type", "authorization_code", "code", "unknown", "client_id", "x");
		assertThat(this.client.token(form).statusCode()).isNotEqualTo(429);
		assertThat(this.client.token(form).statusCode()).isNotEqualTo(429);

		assertTooManyRequests(this.client.token(form), "token");

		this.time.advance(Duration.ofSeconds(30)); // greedy refill: half the period gives back one request
		assertThat(this.client.token(form).statusCode()).isNotEqualTo(429);
		assertThat(this.client.token(form).statusCode()).isEqualTo(429);
	}

	@Test
	void authorizationEndpointLimitsPerAddressThenRecovers() {
		String clientId = cimd.publish("/authorize-limit/client.json", "http://127.0.0.1/callback");
		for (int i = 0; i < 3; i++) {
			assertThat(authorize(clientId).statusCode()).isEqualTo(302);
		}

		assertTooManyRequests(authorize(clientId), "authorize");

		this.time.advance(Duration.ofMinutes(1));
		assertThat(OAuthClient.redirectParameters(authorize(clientId))).containsKey("code");
	}

	@Test
	void documentFetchesAreLimitedPerHostThenRecover() { // the library's limit, mcp.authorization-server.cimd.*
		String first = cimd.publish("/host-limit/one.json", "http://127.0.0.1/callback");
		String second = cimd.publish("/host-limit/two.json", "http://127.0.0.1/callback");
		assertThat(OAuthClient.redirectParameters(authorize(first))).containsKey("code");

		// a second document on the same host within the period: refused before any network access
		double refused = this.registry.find("mcp.cimd.resolutions").tag("cache", "rate_limited").counter() == null ? 0
				: this.registry.find("mcp.cimd.resolutions").tag("cache", "rate_limited").counter().count();
		assertTooManyRequests(authorize(second), null);
		assertThat(this.registry.find("mcp.cimd.resolutions").tag("cache", "rate_limited").counter().count())
			.isEqualTo(refused + 1);
		assertThat(cimd.hits("/host-limit/two.json")).isZero();
		// a cached document costs no fetch, so the host's limit does not touch it
		assertThat(OAuthClient.redirectParameters(authorize(first))).containsKey("code");

		this.time.advance(Duration.ofMinutes(10));
		assertThat(OAuthClient.redirectParameters(authorize(second))).containsKey("code");
	}

	private HttpResponse<String> authorize(String clientId) {
		return this.client.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));
	}

	private void assertTooManyRequests(HttpResponse<String> response, String limit) {
		double rejected = (limit != null) ? rejections(limit) : 0;
		assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
		assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isPositive();
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode body = OAuthClient.json(response);
		assertThat(body.get("error").stringValue()).isEqualTo("temporarily_unavailable");
		assertThat(body.get("error_description").stringValue()).startsWith("Too many requests to ");
		if (limit != null) {
			assertThat(rejected).isPositive();
		}
	}

	private double rejections(String limit) {
		Counter counter = this.registry.find("mcp.auth.rate_limit.rejections").tag("limit", limit).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** The buckets' clock, moved by the tests. */
	static final class ManualTime implements TimeMeter {

		private final AtomicLong nanos = new AtomicLong(System.nanoTime());

		void advance(Duration duration) {
			this.nanos.addAndGet(duration.toNanos());
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

	@TestConfiguration
	static class Clock {

		@Bean
		ManualTime manualTime() {
			return new ManualTime();
		}

	}

}
