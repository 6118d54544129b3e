package dev.mcpauth.oauth2.server.authorization.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key life cycle on the real schema (Flyway's H2 migrations), with a clock the test moves: first keys, the
 * next key published ahead, scheduled rotation, retired keys kept for access-token TTL + refresh interval +
 * margin and then removed, private keys encrypted at rest and erased on retirement.
 */
class SigningKeyRotationTest {

	private static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

	private JdbcTemplate jdbc;

	private DatabaseJwkSource source;

	private SigningKeyRotation rotation;

	private final SigningKeyPolicy properties = SigningKeyPolicy.defaults();

	@BeforeEach
	void migrate() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:keys-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:dev/mcpauth/oauth2/server/authorization/db/migration/h2")
			.load()
			.migrate();
		this.jdbc = new JdbcTemplate(dataSource);
		this.source = new DatabaseJwkSource();
		this.rotation = rotation(PrivateKeyEncryption.fromBase64("q4V0yZxvPC6m3nU5Hf3S1fM0cLr8sYpD2aTtK9wQe7E="));
	}

	private SigningKeyRotation rotation(PrivateKeyEncryption encryption) {
		Clock clock = new Clock() {
			@Override
			public Instant instant() {
				return SigningKeyRotationTest.this.now.get();
			}

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}
		};
		return new SigningKeyRotation(this.jdbc, encryption, this.source, this.properties,
				ACCESS_TOKEN_TTL, new TransactionTemplate(new DataSourceTransactionManager(this.jdbc.getDataSource())),
				clock);
	}

	@Test
	void firstStartCreatesAnActiveKeyAndPublishesTheNextOne() {
		this.rotation.refresh();

		List<JWK> keys = this.source.keys().getKeys();
		assertThat(keys).hasSize(2);
		assertThat(keys.get(0).isPrivate()).as("the active key signs").isTrue();
		assertThat(keys.get(1).isPrivate()).as("the next key is published, public only").isFalse();
		assertThat(DatabaseJwkSource.signingKey(keys)).isEqualTo(keys.get(0));
		// at rest the private key is AES-GCM ciphertext, never the PKCS#8 bytes
		assertThat(this.jdbc.queryForList("SELECT private_key FROM signing_key", String.class))
			.allMatch((stored) -> stored.startsWith("v1.") && !stored.contains("MII"));
	}

	@Test
	void aFirstStartCreatesOnlyTheActiveKeyAndTheNextRefreshPublishesTheNextOne() {
		this.rotation.start();

		assertThat(this.source.keys().getKeys()).as("the server can sign at once").hasSize(1);
		assertThat(this.source.keys().getKeys().get(0).isPrivate()).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM signing_key", Integer.class)).isEqualTo(1);
		String first = activeKid();

		advance(Duration.ofSeconds(1));
		this.rotation.refresh();
		assertThat(kids()).as("the next key, published by the schedule's first run").hasSize(2).startsWith(first);
		assertThat(this.source.keys().getKeys().get(1).isPrivate()).isFalse();

		// publish-ahead counts from the next key's creation, not from the first start
		advance(this.properties.publishAhead().minusSeconds(1));
		assertThat(this.rotation.rotateNow()).as("published for less than publish-ahead").isFalse();
		advance(Duration.ofSeconds(1));
		assertThat(this.rotation.rotateNow()).isTrue();
		assertThat(activeKid()).isNotEqualTo(first);
	}

	@Test
	void aStartAfterOneThatEndedBeforeItsNextKeyLeavesTheNextKeyToTheRefresh() {
		this.rotation.start();
		String active = activeKid();

		SigningKeyRotation restarted = rotation(
				PrivateKeyEncryption.fromBase64("q4V0yZxvPC6m3nU5Hf3S1fM0cLr8sYpD2aTtK9wQe7E="));
		restarted.start();
		assertThat(kids()).as("signs with the stored key, creates no key before it serves").containsExactly(active);

		restarted.refresh();
		assertThat(kids()).hasSize(2).startsWith(active);
	}

	@Test
	void aStartWithKeysInTheTableChangesNothing() {
		this.rotation.refresh();
		List<String> before = kids();

		rotation(PrivateKeyEncryption.fromBase64("q4V0yZxvPC6m3nU5Hf3S1fM0cLr8sYpD2aTtK9wQe7E=")).start();

		assertThat(kids()).isEqualTo(before).hasSize(2);
	}

	@Test
	void rotatesOnScheduleAndRemovesTheRetiredKeyAfterItsLastTokenExpired() {
		this.rotation.refresh();
		String first = activeKid();
		String next = this.source.keys().getKeys().get(1).getKeyID();

		advance(Duration.ofDays(30).minusSeconds(1));
		this.rotation.refresh();
		assertThat(activeKid()).as("not due yet").isEqualTo(first);

		advance(Duration.ofSeconds(1));
		this.rotation.refresh();
		assertThat(activeKid()).as("the key published ahead took over").isEqualTo(next);
		assertThat(kids()).hasSize(3).contains(first, next);
		assertThat(this.jdbc.queryForObject("SELECT private_key FROM signing_key WHERE kid = ?", String.class, first))
			.as("a retired key's private key is erased")
			.isEmpty();

		// retired at T: kept until T + access-token TTL (5m) + refresh interval (30s) + margin (5m)
		advance(Duration.ofMinutes(10).plusSeconds(30));
		this.rotation.refresh();
		assertThat(kids()).contains(first);
		advance(Duration.ofSeconds(1));
		this.rotation.refresh();
		assertThat(kids()).hasSize(2).doesNotContain(first).contains(next);
	}

	@Test
	void onDemandRotationWaitsUntilTheNextKeyHasBeenPublishedLongEnough() {
		this.rotation.refresh();
		String first = activeKid();

		assertThat(this.rotation.rotateNow()).as("next key published 0 s ago").isFalse();
		assertThat(activeKid()).isEqualTo(first);

		advance(Duration.ofMinutes(10));
		assertThat(this.rotation.rotateNow()).isTrue();
		assertThat(activeKid()).isNotEqualTo(first);
		assertThat(kids()).contains(first);
	}

	@Test
	void everyInstanceLoadsTheSameKeys() {
		this.rotation.refresh();
		DatabaseJwkSource mine = this.source;
		this.source = new DatabaseJwkSource();
		SigningKeyRotation otherInstance = rotation(
				PrivateKeyEncryption.fromBase64("q4V0yZxvPC6m3nU5Hf3S1fM0cLr8sYpD2aTtK9wQe7E="));

		otherInstance.refresh();

		assertThat(this.source.keys().getKeys()).isEqualTo(mine.keys().getKeys());
	}

	private String activeKid() {
		return this.source.keys().getKeys().get(0).getKeyID();
	}

	private List<String> kids() {
		return this.source.keys().getKeys().stream().map(JWK::getKeyID).toList();
	}

	private void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

}
