package dev.mcpauth.oauth2.server.authorization.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * The {@code signing_key} table (created by the Flyway migration {@code V2__signing_keys.sql}). Writers call
 * {@link #lock()} first, inside a transaction.
 */
final class SigningKeyStore {

	private static final String COLUMNS = "kid, algorithm, public_jwk, private_key, created_at, activated_at, "
			+ "retired_at, remove_after";

	private final JdbcOperations jdbc;

	SigningKeyStore(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	/** Takes the row lock every writer takes (held until the surrounding transaction ends). */
	void lock() {
		this.jdbc.queryForList("SELECT id FROM signing_key_lock WHERE id = 1 FOR UPDATE");
	}

	/** Every key, newest first. */
	List<StoredSigningKey> findAll() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM signing_key ORDER BY created_at DESC, kid",
				SigningKeyStore::map);
	}

	void insert(StoredSigningKey key) {
		this.jdbc.update("INSERT INTO signing_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", key.kid(),
				key.algorithm(), key.publicJwk(), key.privateKey(), ts(key.createdAt()), ts(key.activatedAt()),
				ts(key.retiredAt()), ts(key.removeAfter()));
	}

	void activate(String kid, Instant at) {
		this.jdbc.update("UPDATE signing_key SET activated_at = ? WHERE kid = ? AND activated_at IS NULL", ts(at), kid);
	}

	/** Retires the key and drops its private key: a retired key never signs again. */
	void retire(String kid, Instant at, Instant removeAfter) {
		this.jdbc.update("UPDATE signing_key SET retired_at = ?, remove_after = ?, private_key = '' "
				+ "WHERE kid = ? AND retired_at IS NULL", ts(at), ts(removeAfter), kid);
	}

	int deleteRemovable(Instant now) {
		return this.jdbc.update("DELETE FROM signing_key WHERE remove_after IS NOT NULL AND remove_after < ?", ts(now));
	}

	private static StoredSigningKey map(ResultSet rs, int row) throws SQLException {
		return new StoredSigningKey(rs.getString("kid"), rs.getString("algorithm"), rs.getString("public_jwk"),
				rs.getString("private_key"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("activated_at")), instant(rs.getTimestamp("retired_at")),
				instant(rs.getTimestamp("remove_after")));
	}

	private static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
