package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.mcpauth.oauth2.server.authorization.keys.DatabaseJwkSource;
import dev.mcpauth.oauth2.server.authorization.keys.PrivateKeyEncryption;
import dev.mcpauth.oauth2.server.authorization.keys.SigningKeyPolicy;
import dev.mcpauth.oauth2.server.authorization.keys.SigningKeyRotation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.jwk.source.JWKSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * With {@code mcp.authorization-server.keys.store=database}: {@link DatabaseJwkSource} is the {@code JWKSource} (JWKS
 * endpoint and token encoder), kept up to date by {@link SigningKeyRotation}, which runs at start-up (before any
 * request) and every {@code refresh-interval} on a daemon thread of its own.
 * <p>
 * Without {@code encryption-key} the server starts only on an embedded in-memory database: there the keys die with
 * the process anyway, so a key made for the process is used. On any other database start-up fails, saying what to
 * set: a random key would make every stored key unreadable after a restart, and instances would not share keys.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "mcp.authorization-server.keys", name = "store", havingValue = "database")
@EnableConfigurationProperties(SigningKeyProperties.class)
class SigningKeyConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(JWKSource.class)
	DatabaseJwkSource jwkSource() {
		return new DatabaseJwkSource();
	}

	@Bean
	@ConditionalOnMissingBean
	SigningKeyRotation signingKeyRotation(JdbcOperations jdbc, DataSource dataSource, DatabaseJwkSource jwkSource,
			SigningKeyProperties keys, McpAuthorizationServerProperties properties) {
		SigningKeyRotation rotation = new SigningKeyRotation(jdbc, encryption(keys, dataSource), jwkSource,
				policy(keys), properties.accessTokenTimeToLive(),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), Clock.systemUTC());
		// loaded before the server takes requests: the JWKS and the token encoder never see an empty key set; a
		// first start's next key comes from the schedule's first run, right after the context has started
		rotation.start();
		return rotation;
	}

	@Bean
	SigningKeyRefreshSchedule signingKeyRefreshSchedule(SigningKeyRotation rotation, SigningKeyProperties keys) {
		return new SigningKeyRefreshSchedule(rotation::scheduledRefresh, keys.refreshInterval());
	}

	static SigningKeyPolicy policy(SigningKeyProperties keys) {
		return new SigningKeyPolicy(keys.rotationInterval(), keys.publishAhead(), keys.retentionMargin(),
				keys.refreshInterval());
	}

	static PrivateKeyEncryption encryption(SigningKeyProperties keys, DataSource dataSource) {
		if (StringUtils.hasText(keys.encryptionKey())) {
			return PrivateKeyEncryption.fromBase64(keys.encryptionKey());
		}
		if (EmbeddedDatabaseConnection.isEmbedded(dataSource)) {
			logger.warn("mcp.authorization-server.keys.encryption-key is not set: signing keys are encrypted with a "
					+ "key made for this process, which is fine only because the embedded in-memory database ends "
					+ "with it");
			return PrivateKeyEncryption.ephemeral();
		}
		throw new IllegalStateException("mcp.authorization-server.keys.encryption-key is not set. The signing keys "
				+ "are stored encrypted in the database; set it (the same value on every instance) to the base64 of "
				+ "32 random bytes, e.g. MCP_AUTHORIZATIONSERVER_KEYS_ENCRYPTIONKEY=$(openssl rand -base64 32). Only "
				+ "an embedded in-memory database can do without it.");
	}

	/** Runs a task at start and then every {@code interval} on one daemon thread while the context runs. */
	static final class SigningKeyRefreshSchedule implements SmartLifecycle {

		private final Runnable task;

		private final Duration interval;

		private ScheduledExecutorService executor;

		SigningKeyRefreshSchedule(Runnable task, Duration interval) {
			this.task = task;
			this.interval = interval;
		}

		@Override
		public synchronized void start() {
			if (this.executor != null) {
				return;
			}
			this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "mcp-signing-keys");
				thread.setDaemon(true);
				return thread;
			});
			// a first run at once: it publishes the next key that a first start leaves out (SigningKeyRotation#start)
			// and costs one query otherwise
			long millis = this.interval.toMillis();
			this.executor.scheduleWithFixedDelay(this.task, 0, millis, TimeUnit.MILLISECONDS);
		}

		@Override
		public synchronized void stop() {
			if (this.executor != null) {
				this.executor.shutdownNow();
				this.executor = null;
			}
		}

		@Override
		public synchronized boolean isRunning() {
			return this.executor != null;
		}

	}

}
