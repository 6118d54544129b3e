package dev.mcpauth.oauth2.server.resource.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/** Step-ups are counted from the tokens the chain's conversion accepts, whichever path (Bearer or DPoP) used it. */
class StepUpTrackerTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final StepUpTracker tracker = new StepUpTracker(new ResourceServerMetrics(this.registry), 100,
			Clock.systemUTC());

	private final Converter<Jwt, AbstractAuthenticationToken> conversion = this.tracker
		.observing(new JwtAuthenticationConverter());

	@Test
	void countsTheFirstTokenOfTheChallengedCallerThatHoldsTheNamedScopes() {
		this.tracker.challenged(this.conversion.convert(jwt("alice", "app", "mcp:tools")), "mcp:tools weather:read");

		this.conversion.convert(jwt("alice", "app", "mcp:tools"));
		assertThat(stepUps()).isZero();
		this.conversion.convert(jwt("alice", "app", "mcp:tools weather:read"));
		this.conversion.convert(jwt("alice", "app", "mcp:tools weather:read"));
		assertThat(stepUps()).isEqualTo(1);
	}

	@Test
	void anotherCallersTokenCompletesNothing() {
		this.tracker.challenged(this.conversion.convert(jwt("alice", "app", "mcp:tools")), "weather:read");

		this.conversion.convert(jwt("bob", "app", "mcp:tools weather:read"));
		this.conversion.convert(jwt("alice", "other-app", "mcp:tools weather:read"));

		assertThat(stepUps()).isZero();
	}

	@Test
	void observingKeepsWhatTheConversionReturns() {
		Jwt jwt = jwt("alice", "app", "mcp:tools");

		AbstractAuthenticationToken authenticated = this.conversion.convert(jwt);

		assertThat(authenticated.getName()).isEqualTo("alice");
		assertThat(authenticated.getAuthorities()).extracting("authority").contains("SCOPE_mcp:tools");
		assertThat(this.tracker.observing((token) -> null).convert(jwt)).isNull();
	}

	private double stepUps() {
		return this.registry.get(ResourceServerMetrics.STEP_UPS).counter().count();
	}

	private static Jwt jwt(String subject, String clientId, String scope) {
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject(subject)
			.claim("client_id", clientId)
			.claim("scope", scope)
			.audience(List.of("http://localhost/mcp"))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
	}

}
