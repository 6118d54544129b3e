package dev.mcpauth.oauth2.server.authorization.store;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Deletes stored authorizations whose every token has expired, in batches of {@link #BATCH_SIZE} rows, at
 * most {@link #MAX_BATCHES} batches per run. Without it the {@code oauth2_authorization} table grows by one row per
 * authorization request for ever. The auto-configuration runs it every
 * {@code mcp.authorization-server.authorization-cleanup-interval} (default 10 minutes); it needs the indexed table
 * of {@link #AUTHORIZATION_SCHEMA}.
 * <p>
 * A row goes when it has at least one token expiry and every expiry it has (code, access token, refresh token, ID
 * token, user and device code) is in the past. A row with no token yet (an authorization request waiting for
 * consent) is kept.
 */
public class ExpiredAuthorizationCleanup implements Runnable {

	/**
	 * Spring Authorization Server's {@code oauth2_authorization} table with indexed VARCHAR token columns instead of
	 * BLOBs (token lookups use an index), as a classpath resource.
	 */
	public static final String AUTHORIZATION_SCHEMA = "dev/mcpauth/oauth2/server/authorization/store/oauth2-authorization-schema.sql";

	/**
	 * The framework's {@code oauth2_registered_client} table with columns wide enough for CIMD clients (URL
	 * {@code client_id}, many redirect URIs), as a classpath resource.
	 */
	public static final String REGISTERED_CLIENT_SCHEMA = "dev/mcpauth/oauth2/server/authorization/store/oauth2-registered-client-schema.sql";

	/** The framework's own consent table, as a classpath resource. */
	public static final String AUTHORIZATION_CONSENT_SCHEMA = "org/springframework/security/oauth2/server/authorization/oauth2-authorization-consent-schema.sql";

	static final int BATCH_SIZE = 1000;

	static final int MAX_BATCHES = 100;

	private static final String[] TOKENS = { "authorization_code", "access_token", "refresh_token", "oidc_id_token",
			"user_code", "device_code" };

	private static final String DELETE_EXPIRED = deleteStatement();

	private static final Logger logger = LoggerFactory.getLogger(ExpiredAuthorizationCleanup.class);

	private final JdbcOperations jdbc;

	private final Clock clock;

	public ExpiredAuthorizationCleanup(JdbcOperations jdbc) {
		this(jdbc, Clock.systemUTC());
	}

	ExpiredAuthorizationCleanup(JdbcOperations jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void run() {
		int deleted = deleteExpired();
		if (deleted > 0) {
			logger.debug("Deleted {} expired authorizations", deleted);
		}
	}

	/** Deletes the expired authorizations; returns how many rows went. */
	public int deleteExpired() {
		Timestamp now = Timestamp.from(this.clock.instant());
		Object[] args = new Object[TOKENS.length * 2];
		for (int i = 0; i < args.length; i++) {
			args[i] = now;
		}
		int total = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			int deleted = this.jdbc.update(DELETE_EXPIRED, args);
			total += deleted;
			if (deleted < BATCH_SIZE) {
				break;
			}
		}
		return total;
	}

	private static String deleteStatement() {
		StringBuilder anyExpiry = new StringBuilder();
		StringBuilder noneLive = new StringBuilder();
		for (String token : TOKENS) {
			anyExpiry.append(anyExpiry.isEmpty() ? "" : " OR ").append(token).append("_expires_at < ?");
			noneLive.append(" AND (").append(token).append("_expires_at IS NULL OR ").append(token)
				.append("_expires_at < ?)");
		}
		// Standard SQL (H2, PostgreSQL): a bounded delete through a limited sub-select.
		return "DELETE FROM oauth2_authorization WHERE id IN (SELECT id FROM oauth2_authorization WHERE (" + anyExpiry
				+ ")" + noneLive + " FETCH FIRST " + BATCH_SIZE + " ROWS ONLY)";
	}

}
