package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import dev.mcpauth.oauth2.server.authorization.keys.DatabaseJwkSource;
import dev.mcpauth.oauth2.server.authorization.keys.SigningKeyRotation;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mcp.authorization-server.keys.store=database}: the database key set replaces the process key, is loaded
 * before the context is up, and needs an encryption key except on an embedded in-memory database.
 */
class SigningKeyConfigurationTest {

	private static final String KEY = "q4V0yZxvPC6m3nU5Hf3S1fM0cLr8sYpD2aTtK9wQe7E=";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SigningKeyConfiguration.class);

	@Test
	void databaseStoreLoadsTheActiveKeyAtStartUpAndPublishesTheNextKeyRightAfter() {
		this.runner.withUserConfiguration(MemoryDatabase.class)
			.withPropertyValues("mcp.authorization-server.keys.store=database",
					"mcp.authorization-server.keys.encryption-key=" + KEY)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SigningKeyRotation.class);
				DatabaseJwkSource keys = context.getBean(DatabaseJwkSource.class);
				assertThat(keys.keys().getKeys()).as("loaded before the context is up").isNotEmpty();
				assertThat(DatabaseJwkSource.signingKey(keys.keys().getKeys()).isPrivate()).isTrue();
				// the schedule's first run (at once, on its own thread) publishes the next key; the refresh interval
				// (30 s by default) would be the next chance, so seeing it within 10 s proves the immediate run
				long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				while (keys.keys().getKeys().size() < 2 && System.nanoTime() < deadline) {
					Thread.sleep(20);
				}
				assertThat(keys.keys().getKeys()).hasSize(2);
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM signing_key",
						Integer.class)).isEqualTo(2);
			});
	}

	@Test
	void embeddedInMemoryDatabaseNeedsNoEncryptionKey() {
		this.runner.withUserConfiguration(MemoryDatabase.class)
			.withPropertyValues("mcp.authorization-server.keys.store=database")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DatabaseJwkSource.class));
	}

	@Test
	void otherDatabasesFailWithoutAnEncryptionKey() {
		this.runner.withUserConfiguration(FileDatabase.class)
			.withPropertyValues("mcp.authorization-server.keys.store=database")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mcp.authorization-server.keys.encryption-key is not set"));
	}

	@Test
	void withoutTheStorePropertyNothingTouchesTheDatabase() {
		this.runner.withUserConfiguration(MemoryDatabase.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DatabaseJwkSource.class));
	}

	static DataSource migrated(String url) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:dev/mcpauth/oauth2/server/authorization/db/migration/h2")
			.load()
			.migrate();
		return dataSource;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(McpAuthorizationServerProperties.class)
	static class MemoryDatabase {

		@Bean
		DataSource dataSource() {
			return migrated("jdbc:h2:mem:keys-config-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(McpAuthorizationServerProperties.class)
	static class FileDatabase {

		@Bean
		DataSource dataSource() {
			return migrated("jdbc:h2:file:./target/keys-config-" + System.nanoTime());
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

	}

}
