package dev.mcpauth.oauth2.server.resource.metrics;

import io.micrometer.core.instrument.Timer;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Times access token validation (signature, claims, the validated-token cache in front of them) by outcome:
 * {@code valid} or {@code invalid}.
 */
public final class TimedJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	/*
	 * Registered once: Timer.builder(...).register(registry) on every call looks the meter up again, through the
	 * registry's filters and a hash of its id and tags, which cost more than a cached token's validation.
	 */
	private final Timer valid;

	private final Timer invalid;

	public TimedJwtDecoder(JwtDecoder delegate, ResourceServerMetrics metrics) {
		this.delegate = delegate;
		this.valid = timer(metrics, "valid");
		this.invalid = timer(metrics, "invalid");
	}

	private static Timer timer(ResourceServerMetrics metrics, String outcome) {
		return Timer.builder(ResourceServerMetrics.TOKEN_VALIDATION)
			.description("Access token validation, including the validated-token cache")
			.tag("outcome", outcome)
			.register(metrics.registry());
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		long start = System.nanoTime();
		Timer timer = this.invalid;
		try {
			Jwt jwt = this.delegate.decode(token);
			timer = this.valid;
			return jwt;
		}
		finally {
			timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
		}
	}

}
