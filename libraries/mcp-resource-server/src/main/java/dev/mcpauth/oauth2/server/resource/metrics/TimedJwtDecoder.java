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

	private final ResourceServerMetrics metrics;

	public TimedJwtDecoder(JwtDecoder delegate, ResourceServerMetrics metrics) {
		this.delegate = delegate;
		this.metrics = metrics;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		long start = System.nanoTime();
		String outcome = "invalid";
		try {
			Jwt jwt = this.delegate.decode(token);
			outcome = "valid";
			return jwt;
		}
		finally {
			Timer.builder(ResourceServerMetrics.TOKEN_VALIDATION)
				.description("Access token validation, including the validated-token cache")
				.tag("outcome", outcome)
				.register(this.metrics.registry())
				.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
		}
	}

}
