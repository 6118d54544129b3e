package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.mcpauth.oauth2.server.authorization.store.ExpiredAuthorizationCleanup;
import dev.mcpauth.oauth2.server.authorization.store.RequestScopedReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Deletes expired authorizations from the JDBC store every
 * {@code mcp.authorization-server.authorization-cleanup-interval}, on a daemon thread of its own (the application's
 * {@code @Scheduled} methods are not switched on by the library).
 */
@Configuration(proxyBeanMethods = false)
class ExpiredAuthorizationCleanupConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExpiredAuthorizationCleanup expiredAuthorizationCleanup(JdbcOperations jdbcOperations) {
		return new ExpiredAuthorizationCleanup(jdbcOperations);
	}

	@Bean
	@ConditionalOnMissingBean
	Schedule expiredAuthorizationCleanupSchedule(ExpiredAuthorizationCleanup cleanup,
			OAuth2AuthorizationService authorizationService, McpAuthorizationServerProperties properties) {
		// only the JDBC store has the table the cleanup deletes from
		boolean jdbcStore = RequestScopedReads.unwrap(authorizationService) instanceof JdbcOAuth2AuthorizationService;
		return new Schedule(cleanup, jdbcStore ? properties.authorizationCleanupInterval() : Duration.ZERO);
	}

	static final class Schedule implements SmartLifecycle {

		private static final Logger logger = LoggerFactory.getLogger(Schedule.class);

		private final Runnable cleanup;

		private final Duration interval;

		private ScheduledExecutorService executor;

		Schedule(Runnable cleanup, Duration interval) {
			this.cleanup = cleanup;
			this.interval = interval;
		}

		@Override
		public synchronized void start() {
			if (this.interval.isZero() || this.interval.isNegative() || this.executor != null) {
				return;
			}
			this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "mcp-authorization-cleanup");
				thread.setDaemon(true);
				return thread;
			});
			long millis = this.interval.toMillis();
			this.executor.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
		}

		private void runQuietly() {
			try {
				this.cleanup.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Deleting expired authorizations failed: {}", ex.getMessage());
			}
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
