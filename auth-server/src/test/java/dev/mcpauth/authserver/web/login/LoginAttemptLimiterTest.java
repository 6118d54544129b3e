package dev.mcpauth.authserver.web.login;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mcpauth.authserver.web.page.UiProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginAttemptLimiterTest {

	private final LoginAttemptLimiter limiter = new LoginAttemptLimiter(new UiProperties("Test", Map.of(), List.of(),
			new UiProperties.Login(2, Duration.ofSeconds(2), 100, Duration.ofMinutes(1), 1000)));

	@Test
	void pausesAnAccountWhenItsAllowanceIsUsedUpAndSlowsItAfterwards() throws InterruptedException {
		assertThat(this.limiter.recordFailure("Erin", "10.0.0.1")).isEqualTo(1);
		assertThat(this.limiter.pause("erin", "10.0.0.1")).isEmpty();
		assertThat(this.limiter.recordFailure(" ERIN ", "10.0.0.2")).isZero();

		var pause = this.limiter.pause("erin", "10.0.0.3");
		assertThat(pause).hasValueSatisfying((p) -> {
			assertThat(p.scope()).isEqualTo(LoginAttemptLimiter.Scope.ACCOUNT);
			assertThat(p.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
		});

		Thread.sleep(pause.get().retryAfter().toMillis() + 50);
		assertThat(this.limiter.pause("erin", "10.0.0.3")).as("one attempt refilled").isEmpty();
		this.limiter.recordFailure("erin", "10.0.0.3");
		assertThat(this.limiter.pause("erin", "10.0.0.3")).as("and used up again").isPresent();
	}

	@Test
	void successClearsTheAccountButNotOtherAccounts() {
		this.limiter.recordFailure("frank", "10.0.0.1");
		this.limiter.recordFailure("frank", "10.0.0.1");
		this.limiter.recordFailure("grace", "10.0.0.1");
		this.limiter.recordFailure("grace", "10.0.0.1");
		this.limiter.recordSuccess("Frank");

		assertThat(this.limiter.pause("frank", "10.0.0.1")).isEmpty();
		assertThat(this.limiter.pause("grace", "10.0.0.1")).isPresent();
	}

	@Test
	void describesTheWaitInWords() {
		assertThat(LoginMessage.describe(Duration.ofMillis(200))).isEqualTo("1 second");
		assertThat(LoginMessage.describe(Duration.ofSeconds(42))).isEqualTo("42 seconds");
		assertThat(LoginMessage.describe(Duration.ofSeconds(61))).isEqualTo("about 2 minutes");
		assertThat(LoginMessage.describe(Duration.ofMinutes(10))).isEqualTo("about 10 minutes");
	}

}
