package dev.mcpauth.authserver.web.login;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;

import dev.mcpauth.authserver.web.page.UiProperties;

import org.springframework.stereotype.Component;

/**
 * The brute-force limit of the login form: one Bucket4j token bucket per account (the submitted username,
 * normalised, whether or not such a user exists) and one per client address. A failed sign-in takes a token from
 * both; an empty bucket pauses sign-in for that account or address until it refills, one token every
 * {@code window / max-failures}, so after a lock-out attempts are slowed rather than opened again all at once
 * (OWASP Authentication Cheat Sheet, "Account lockout"; NIST SP 800-63B §5.2.2 rate limiting).
 *
 * <p>Buckets live in a bounded Caffeine cache that forgets a key after its window of inactivity, when its bucket
 * would be full again anyway; an attacker sending endless usernames cannot grow memory without limit. State is per
 * process: behind several instances, put the buckets in a shared store (Bucket4j's JDBC or Redis proxy managers).
 */
@Component
public class LoginAttemptLimiter {

	/** Why sign-in is refused, and for how long. */
	public enum Scope {
		ACCOUNT, ADDRESS
	}

	/** Sign-in is paused for {@code scope} during {@code retryAfter}. */
	public record Pause(Scope scope, Duration retryAfter) {
	}

	private final Cache<String, Bucket> accounts;

	private final Cache<String, Bucket> addresses;

	private final UiProperties.Login settings;

	public LoginAttemptLimiter(UiProperties properties) {
		this.settings = properties.login();
		this.accounts = Caffeine.newBuilder()
			.maximumSize(this.settings.maxTrackedKeys())
			.expireAfterAccess(this.settings.accountWindow())
			.build();
		this.addresses = Caffeine.newBuilder()
			.maximumSize(this.settings.maxTrackedKeys())
			.expireAfterAccess(this.settings.addressWindow())
			.build();
	}

	/** Whether a sign-in for {@code username} from {@code address} may be attempted now. */
	public Optional<Pause> pause(String username, String address) {
		Optional<Pause> byAddress = pause(this.addresses.getIfPresent(address), Scope.ADDRESS);
		return byAddress.isPresent() ? byAddress : pause(this.accounts.getIfPresent(account(username)), Scope.ACCOUNT);
	}

	/**
	 * Counts a failed sign-in against both limits.
	 * @return how many more failures the account is allowed before it is paused
	 */
	public long recordFailure(String username, String address) {
		bucket(this.addresses, address, this.settings.maxFailuresPerAddress(), this.settings.addressWindow())
			.tryConsume(1);
		Bucket account = bucket(this.accounts, account(username), this.settings.maxFailuresPerAccount(),
				this.settings.accountWindow());
		account.tryConsume(1);
		return account.getAvailableTokens();
	}

	/** A successful sign-in clears the account's failures; the address keeps its count. */
	public void recordSuccess(String username) {
		this.accounts.invalidate(account(username));
	}

	private static Optional<Pause> pause(Bucket bucket, Scope scope) {
		if (bucket == null) {
			return Optional.empty();
		}
		EstimationProbe probe = bucket.estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? Optional.empty()
				: Optional.of(new Pause(scope, Duration.ofNanos(probe.getNanosToWaitForRefill())));
	}

	private static Bucket bucket(Cache<String, Bucket> cache, String key, int capacity, Duration window) {
		return cache.get(key, (k) -> Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
			.build());
	}

	private static String account(String username) {
		return (username != null) ? username.strip().toLowerCase(Locale.ROOT) : "";
	}

}
