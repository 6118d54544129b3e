package dev.mcpauth.resourceserver.management;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the resource server depends on the authorization server's key set: without it no token can be
 * validated. UP when the JWKS URI answers 200 with a JSON object holding at least one key; DOWN otherwise, with the
 * HTTP status or {@code unreachable} as detail (never an exception message).
 */
public final class AuthorizationServerJwksHealthIndicator implements HealthIndicator {

	private static final int MAX_BYTES = 64 * 1024;

	private final URI jwkSetUri;

	private final Duration timeout;

	private final HttpClient http;

	public AuthorizationServerJwksHealthIndicator(String jwkSetUri, Duration timeout) {
		this.jwkSetUri = URI.create(jwkSetUri);
		this.timeout = timeout;
		this.http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public Health health() {
		try {
			HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(this.jwkSetUri)
				.timeout(this.timeout)
				.header("Accept", "application/json")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				return Health.down().withDetail("status", response.statusCode()).build();
			}
			if (response.body().length > MAX_BYTES) {
				return Health.down().withDetail("keys", "key set too large").build();
			}
			JsonNode keys = JsonMapper.shared().readTree(response.body()).get("keys");
			if (keys == null || !keys.isArray() || keys.isEmpty()) {
				return Health.down().withDetail("keys", 0).build();
			}
			return Health.up().withDetail("keys", keys.size()).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
		catch (IOException | RuntimeException ex) {
			return Health.down().withDetail("error", "unreachable").build();
		}
	}

}
