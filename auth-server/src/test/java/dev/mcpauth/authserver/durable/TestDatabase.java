package dev.mcpauth.authserver.durable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database for one test: an H2 in-memory database that outlives the application contexts using it
 * ({@code DB_CLOSE_DELAY=-1}), or a new database on the PostgreSQL server named by {@value #POSTGRES_URL_VARIABLE}
 * (started by {@code scripts/postgres.sh}). Without that variable the PostgreSQL tests are skipped, except when
 * {@code CI=true}: there they are required and fail.
 */
public interface TestDatabase {

	String POSTGRES_URL_VARIABLE = "MCP_TEST_POSTGRES_URL";

	/** The {@code spring.datasource.*} properties of this database. */
	Map<String, Object> properties();

	String vendor();

	/** A JDBC connection for assertions. */
	Connection connect() throws SQLException;

	AtomicInteger COUNTER = new AtomicInteger();

	static TestDatabase h2() {
		String url = "jdbc:h2:mem:durable-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
				+ ";DB_CLOSE_DELAY=-1";
		return new Jdbc("h2", url, "sa");
	}

	/** A new database on the test PostgreSQL server; skips (or, on CI, fails) without one. */
	static TestDatabase postgres() {
		String admin = postgresUrl();
		String name = "mcp_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet() + "_"
				+ System.nanoTime() % 100000;
		try (Connection connection = DriverManager.getConnection(admin);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create a test database on " + POSTGRES_URL_VARIABLE, ex);
		}
		int query = admin.indexOf('?');
		String base = (query < 0) ? admin : admin.substring(0, query);
		String params = (query < 0) ? "" : admin.substring(query);
		String url = base.substring(0, base.lastIndexOf('/') + 1) + name + params;
		return new Jdbc("postgresql", url, null);
	}

	static String postgresUrl() {
		String url = System.getenv(POSTGRES_URL_VARIABLE);
		if (url == null || url.isBlank()) {
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(POSTGRES_URL_VARIABLE + " is not set but CI=true: the PostgreSQL "
						+ "tests are required on CI (.ci/run starts scripts/postgres.sh)");
			}
			Assumptions.abort(POSTGRES_URL_VARIABLE + " is not set (scripts/postgres.sh start): PostgreSQL tests skipped");
		}
		return url;
	}

	record Jdbc(String vendor, String url, String username) implements TestDatabase {

		@Override
		public Map<String, Object> properties() {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("spring.datasource.url", this.url);
			if (this.username != null) {
				properties.put("spring.datasource.username", this.username);
			}
			return properties;
		}

		@Override
		public Connection connect() throws SQLException {
			return (this.username != null) ? DriverManager.getConnection(this.url, this.username, "")
					: DriverManager.getConnection(this.url);
		}

	}

}
