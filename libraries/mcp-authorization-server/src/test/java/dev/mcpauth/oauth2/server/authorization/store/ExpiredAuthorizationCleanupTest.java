package dev.mcpauth.oauth2.server.authorization.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's authorization table (VARCHAR token columns with indexes) and the scheduled deletion of
 * expired authorizations: expired rows go, rows with a live token or with no token yet stay.
 */
class ExpiredAuthorizationCleanupTest {

	private static final Instant NOW = Instant.parse("2026-11-26T18:00:00Z");

	private EmbeddedDatabase database;

	private JdbcTemplate jdbc;

	@BeforeEach
	void createTable() {
		this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScript("classpath:" + ExpiredAuthorizationCleanup.AUTHORIZATION_SCHEMA)
			.build();
		this.jdbc = new JdbcTemplate(this.database);
	}

	@AfterEach
	void dropDatabase() {
		this.database.shutdown();
	}

	@Test
	void deletesRowsWhoseEveryTokenExpiredAndKeepsTheOthers() {
		Instant past = NOW.minus(Duration.ofMinutes(1));
		Instant future = NOW.plus(Duration.ofMinutes(1));
		insert("expired-code", past, null, null);
		insert("expired-all", past, past, past);
		insert("live-refresh", past, past, future);
		insert("live-access", past, future, null);
		insert("no-token-yet", null, null, null);

		int deleted = new ExpiredAuthorizationCleanup(this.jdbc, Clock.fixed(NOW, ZoneOffset.UTC)).deleteExpired();

		assertThat(deleted).isEqualTo(2);
		assertThat(this.jdbc.queryForList("SELECT id FROM oauth2_authorization ORDER BY id", String.class))
			.containsExactly("live-access", "live-refresh", "no-token-yet");
	}

	@Test
	void deletesMoreThanOneBatch() {
		Instant past = NOW.minus(Duration.ofMinutes(1));
		for (int i = 0; i < ExpiredAuthorizationCleanup.BATCH_SIZE + 5; i++) {
			insert("expired-" + i, past, past, null);
		}
		insert("live", past, past, NOW.plus(Duration.ofDays(1)));

		int deleted = new ExpiredAuthorizationCleanup(this.jdbc, Clock.fixed(NOW, ZoneOffset.UTC)).deleteExpired();

		assertThat(deleted).isEqualTo(ExpiredAuthorizationCleanup.BATCH_SIZE + 5);
		assertThat(this.jdbc.queryForList("SELECT id FROM oauth2_authorization", String.class)).containsExactly("live");
	}

	@Test
	void tokenValueColumnsAreVarcharAndTheLookedUpOnesIndexed() {
		List<String> types = this.jdbc.queryForList(
				"SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'OAUTH2_AUTHORIZATION'"
						+ " AND COLUMN_NAME IN ('STATE', 'AUTHORIZATION_CODE_VALUE', 'ACCESS_TOKEN_VALUE',"
						+ " 'REFRESH_TOKEN_VALUE')",
				String.class);
		assertThat(types).hasSize(4).allMatch("CHARACTER VARYING"::equals);
		List<String> indexed = this.jdbc.queryForList(
				"SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_NAME = 'OAUTH2_AUTHORIZATION'",
				String.class);
		assertThat(indexed).contains("STATE", "AUTHORIZATION_CODE_VALUE", "ACCESS_TOKEN_VALUE", "REFRESH_TOKEN_VALUE");
	}

	private void insert(String id, Instant codeExpiry, Instant accessExpiry, Instant refreshExpiry) {
		this.jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name,"
				+ " authorization_grant_type, authorization_code_value, authorization_code_expires_at,"
				+ " access_token_value, access_token_expires_at, refresh_token_value, refresh_token_expires_at)"
				+ " VALUES (?, 'client', 'user', 'authorization_code', ?, ?, ?, ?, ?, ?)", id,
				(codeExpiry != null) ? "code-" + id : null, timestamp(codeExpiry),
				(accessExpiry != null) ? "access-" + id : null, timestamp(accessExpiry),
				(refreshExpiry != null) ? "refresh-" + id : null, timestamp(refreshExpiry));
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
